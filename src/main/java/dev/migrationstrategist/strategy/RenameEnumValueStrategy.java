package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.EnumType;

import java.util.List;

/**
 * Rename a value of a PostgreSQL enum type (10+): a catalog change, no rewrite. The stored rows follow at once, but
 * app code that writes the old spelling fails from that moment, so a release that reads both spellings comes first
 * and the rename is the contract.
 */
public final class RenameEnumValueStrategy implements ChangeStrategy {
    private final RenameEnumValue change;

    public RenameEnumValueStrategy(RenameEnumValue change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        if (!ctx.dialect().hasEnumTypes()) {
            throw StrategistException.invalid(what + ": " + ctx.dialect().displayName() + " has no enum types; an"
                    + " ENUM column's value list changes with `change type of TABLE.COLUMN to enum(...)` (renaming a"
                    + " value copies the table)");
        }
        if (!ctx.dialect().renamesEnumValues()) {
            throw StrategistException.invalid(what + ": ALTER TYPE ... RENAME VALUE needs PostgreSQL 10+; on "
                    + ctx.dialect().versionLabel() + " it is a type change through a new type (CREATE TYPE with the new"
                    + " values, then change type of each column)");
        }
        EnumType e = AddEnumValueStrategy.requireEnum(ctx, change.type(), what);
        if (!e.values().contains(change.from())) {
            throw StrategistException.invalid(what + ": enum " + e.name() + " has no value '" + change.from()
                    + "' (it has " + e.values() + ")");
        }
        if (e.values().contains(change.to())) {
            throw StrategistException.invalid(what + ": enum " + e.name() + " already has a value '" + change.to()
                    + "'");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        EnumType e = AddEnumValueStrategy.requireEnum(ctx, change.type(), change.describe());
        String from = sql.dialect().literal(change.from());
        String to = sql.dialect().literal(change.to());
        String t = e.name().name();
        return Contribution.builder()
                .dualWrite(new AppInstruction("read_both_values",
                        List.of("Code updates to accept both " + from + " and " + to + " when it reads `" + t + "`"
                                + " values; it keeps writing " + from + "."),
                        List.of(), List.of(), "it knows only " + from,
                        "nothing is stored as " + to + " before the rename"))
                .step(new SchemaStep(0, Phase.CONTRACT, null, "rename_enum_value", t, change.from(),
                        List.of("Rename " + from + " of enum `" + t + "` to " + to + ": a catalog change, every row"
                                + " holding it reads " + to + " at once (no rewrite)."),
                        List.of(sql.r(new dev.migrationstrategist.statement.RenameEnumValue(e.name(), change.from(),
                                change.to()))),
                        "no table lock: a catalog change to the type (milliseconds)", false, true,
                        List.of("From the commit on, a write of " + from + " fails (invalid input value for enum):"
                                + " deploy code that writes " + to + " right after it, or make writers retry with "
                                + to + "."),
                        "enum `" + t + "` has " + to + " instead of " + from,
                        Rollback.withSql("rename it back (the same catalog change)", List.of(sql.r(
                                new dev.migrationstrategist.statement.RenameEnumValue(e.name(), change.to(),
                                        change.from()))))))
                .finding(new Finding("rename-enum-value-breaks-writers", Severity.WARNING, t,
                        "after ALTER TYPE " + t + " RENAME VALUE, every app instance that still writes " + from
                                + " fails until it is redeployed.",
                        "Release code that reads both spellings first, rename, then deploy the writers of " + to
                                + " at once (this plan's steps).", null))
                .build();
    }
}
