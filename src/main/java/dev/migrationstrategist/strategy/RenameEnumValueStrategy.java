package dev.migrationstrategist.strategy;

import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddEnumValue;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.ResyncColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rename a value of a PostgreSQL enum type (10+) with no failed write. {@code ALTER TYPE ... RENAME VALUE} alone
 * makes every instance that still writes the old spelling fail (22P02) from its commit on, and a rolling deploy
 * always has such instances. PostgreSQL cannot drop an enum value, so the old spelling stays a value of the type,
 * unused, and the plan says so:
 * <ol>
 * <li>release v1.1 reads both spellings as one value and keeps writing the old one (v1.0 still runs);</li>
 * <li>PostgreSQL 12+: one transaction, catalog only, renames the value (every stored row reads the new spelling at
 * once, no rewrite) and adds the old spelling again right after it, so the writers of the old one keep working;
 * 10/11 (where ADD VALUE cannot run in a transaction block): the new spelling added before the old one, alone;</li>
 * <li>release v1.2 writes the new spelling;</li>
 * <li>backfill, once v1.2 is everywhere: the rows still holding the old spelling get the new one, in keyset batches
 * (on 12+ only those v1.0/v1.1 wrote after step 2; on 10/11 every row).</li>
 * </ol>
 * The rollback of step 2 converts the new spelling back to the old one in keyset batches (each committed on its own)
 * before v1.0, which knows only the old spelling, comes back; the new spelling then stays in the type, unused.
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
        columns(ctx, e);
    }

    /**
     * The columns of the type, each to be backfilled; a column holding an array of it, or a domain over it, is refused
     * (its values are not converted by a keyset UPDATE of the column).
     */
    private List<Map.Entry<Table, Column>> columns(PlanContext ctx, EnumType e) {
        String what = change.describe();
        List<Map.Entry<Table, Column>> out = ctx.schema().columnsOfType(e.name());
        for (Map.Entry<Table, Column> tc : out) {
            if (tc.getValue().type().array()) {
                throw StrategistException.invalid(what + ": " + tc.getKey().name() + "." + tc.getValue().name()
                        + " is an array of " + e.name() + "; converting the old spelling inside arrays is not planned"
                        + " (rename the value with ALTER TYPE ... RENAME VALUE in a maintenance window)");
            }
            Backfills.keyColumns(tc.getKey());
        }
        for (DomainType d : ctx.schema().domainsOver(e.name())) {
            throw StrategistException.invalid(what + ": domain " + d.name() + " is over " + e.name() + "; its columns'"
                    + " values are not converted by this plan (rename the value with ALTER TYPE ... RENAME VALUE in a"
                    + " maintenance window)");
        }
        return out;
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        EnumType e = AddEnumValueStrategy.requireEnum(ctx, change.type(), change.describe());
        List<Map.Entry<Table, Column>> columns = columns(ctx, e);
        String from = sql.dialect().literal(change.from());
        String to = sql.dialect().literal(change.to());
        String t = e.name().name();
        List<String> used = columns.stream().map(tc -> tc.getKey().name().name() + "." + tc.getValue().name().name())
                .toList();
        String usedWords = used.isEmpty() ? "no column of State A" : String.join(", ", used.stream()
                .map(u -> "`" + u + "`").toList());
        boolean inTransaction = sql.dialect().addEnumValueInTransaction();
        Contribution.Builder out = Contribution.builder();
        out.dualWrite(new AppInstruction("read_both_values",
                List.of("Code treats " + from + " and " + to + " as the same value when it reads `" + t + "` ("
                        + usedWords + "); it keeps writing " + from + " (v1.0 still runs and knows only " + from
                        + ")."),
                used, used, "it knows only " + from,
                "no row holds " + to + " before the next step"));
        out.step(catalogStep(sql, e, columns, inTransaction));
        out.switchOver(new AppInstruction("write_new_value",
                List.of("Code writes " + to + " instead of " + from + " in `" + t + "` (" + usedWords + "); it still"
                        + " reads both spellings."),
                used, used, "it reads both spellings", "v1.1 reads " + to + " as " + from));
        for (Map.Entry<Table, Column> tc : columns) {
            out.step(Backfills.replaceValue(ctx, tc.getKey(), tc.getValue().name(), change.from(), change.to(),
                    List.of("Rows of `" + tc.getKey().name().name() + "` still holding " + from + " get " + to
                            + (inTransaction ? ": only those v1.0/v1.1 wrote after the rename (every older row"
                            + " reads " + to + " since then)." : ": every row written before v1.2 (PostgreSQL"
                            + " before 12 cannot rename and add in one transaction, so the rows are converted here)."),
                            "Runs once v1.2 is deployed everywhere: no instance writes " + from + " any more, so"
                                    + " the count reaches 0 and stays there."),
                    "no row of `" + tc.getKey().name().name() + "` holds " + from,
                    Rollback.note("nothing to undo: v1.1 and v1.2 read both spellings (the catalog step's rollback"
                            + " converts " + to + " back before v1.0 returns)",
                            "the rows keep their value; only its spelling changed")).afterSecondRelease());
        }
        out.finding(new Finding("renamed-enum-value-kept", Severity.INFO, t,
                "PostgreSQL cannot drop an enum value: after this plan `" + t + "` has " + to + " and, unused, "
                        + from + " (" + String.join(", ", change.renamed(e.values()).stream()
                        .map(v -> sql.dialect().literal(v)).toList()) + "), so writers of " + from
                        + " never fail during the rollout.",
                "Leave it (an unused value costs nothing); to remove it, in a maintenance window create a new type"
                        + " without it and change each column to it (`ALTER COLUMN ... TYPE new_t USING"
                        + " col::text::new_t` rewrites every table that uses it under an ACCESS EXCLUSIVE lock), then"
                        + " drop the old type.", null));
        return out.build();
    }

    /** Step 2: the catalog change that lets both spellings be written, with the rollback that converts rows back. */
    private SchemaStep catalogStep(Sql sql, EnumType e, List<Map.Entry<Table, Column>> columns,
                                   boolean inTransaction) {
        String from = sql.dialect().literal(change.from());
        String to = sql.dialect().literal(change.to());
        String t = e.name().name();
        List<Rendered> statements = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        if (inTransaction) {
            statements.add(sql.r(new dev.migrationstrategist.statement.RenameEnumValue(e.name(), change.from(),
                    change.to())));
            statements.add(sql.r(new AddEnumValue(e.name(), change.from(), null, change.to())));
            bullets.add("Rename " + from + " of enum `" + t + "` to " + to + " and add " + from + " again right"
                    + " after it, in one transaction (PostgreSQL 12+ allows ADD VALUE in a transaction block):"
                    + " catalog only, no table is rewritten or scanned.");
            bullets.add("Every stored row reads " + to + " at once (a row stores the value, not its spelling), so no"
                    + " backfill of the existing rows; a write of " + from + " by v1.0 or v1.1 keeps succeeding and"
                    + " stores the new " + from + " value, which the backfill after v1.2 converts.");
        } else {
            statements.add(sql.r(new AddEnumValue(e.name(), change.to(), change.from(), null)));
            bullets.add("Add " + to + " to enum `" + t + "` right before " + from + ": one catalog row, no table is"
                    + " rewritten or scanned. PostgreSQL before 12 refuses ADD VALUE in a transaction block, so it"
                    + " cannot be paired with a rename in one transaction: the statement runs alone, in autocommit,"
                    + " and the backfill after v1.2 converts every row.");
        }
        bullets.add("PostgreSQL cannot drop an enum value: " + from + " stays in `" + t + "` after this plan, unused"
                + " once the backfill is done.");
        List<Rendered> back = new ArrayList<>();
        for (Map.Entry<Table, Column> tc : columns) {
            String column = sql.q(tc.getValue().name());
            back.add(sql.r(ResyncColumn.over(tc.getKey().name(), Backfills.keyColumns(tc.getKey()),
                    tc.getValue().name(), sql.dialect().replaced(column, change.to(), change.from()))
                    .inOwnTransactions()));
        }
        String rollbackNote = "convert every " + to + " back to " + from + " in keyset batches (each committed on"
                + " its own; run it with v1.1 deployed, which writes " + from + " and reads both) so v1.0 can return;"
                + " " + to + " stays in `" + t + "`, unused (PostgreSQL cannot drop an enum value)";
        Rollback rollback = back.isEmpty() ? Rollback.note(rollbackNote) : Rollback.withSql(rollbackNote, back);
        return new SchemaStep(0, Phase.CONSTRAIN, null, inTransaction ? "rename_enum_value" : "add_enum_value", t,
                inTransaction ? change.from() : change.to(), bullets, statements,
                "no table lock: a catalog change to the type (milliseconds)", false, inTransaction,
                List.of(inTransaction ? "Run it only once v1.1 runs everywhere: from its commit on, stored " + from
                        + " values read " + to + ", which v1.0 does not know." : "Harmless to v1.0: nothing writes "
                        + to + " before v1.2."),
                "enum `" + t + "` has " + to + " and " + from + (inTransaction ? "; every row written before it reads "
                        + to : ""),
                rollback);
    }
}
