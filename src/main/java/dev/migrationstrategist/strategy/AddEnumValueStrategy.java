package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;

/**
 * Add a value to a PostgreSQL enum type: already safe (a catalog row; no table is rewritten or scanned), so one
 * step and no app release. Before PostgreSQL 12 the statement cannot run inside a transaction block, so the step
 * says {@code transactional: false}; from 12 it may, but the value is usable only after the commit.
 * MySQL/MariaDB columns never get here: the change resolves to a {@code change_column_type} of the column.
 */
public final class AddEnumValueStrategy implements ChangeStrategy {
    private final AddEnumValue change;

    public AddEnumValueStrategy(AddEnumValue change) {
        this.change = change;
    }

    static EnumType requireEnum(PlanContext ctx, dev.migrationstrategist.schema.Ident type, String what) {
        return ctx.schema().enumType(type).orElseThrow(() -> StrategistException.invalid(what + ": unknown enum type "
                + type + (ctx.schema().enums().isEmpty() ? " (the schema has no CREATE TYPE ... AS ENUM; pass it"
                + " with --schema FILE)" : " (the schema has " + ctx.schema().enums().stream()
                .map(e -> e.name().name()).toList() + ")")));
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        EnumType e = requireEnum(ctx, change.type(), what);
        if (e.values().contains(change.value())) {
            throw StrategistException.invalid(what + ": enum " + e.name() + " already has that value");
        }
        AddEnumValue.insert(e.values(), change.value(), change.before(), change.after(), what, ctx.dialect());
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        EnumType e = requireEnum(ctx, change.type(), change.describe());
        boolean inTransaction = sql.dialect().addEnumValueInTransaction();
        String lit = sql.dialect().literal(change.value());
        Rendered statement = sql.r(new dev.migrationstrategist.statement.AddEnumValue(e.name(), change.value(),
                change.before(), change.after()));
        List<String> bullets = new ArrayList<>();
        bullets.add("Add " + lit + " to enum `" + e.name() + "`: one catalog row, no table is rewritten or scanned,"
                + " so one step and no expand/contract (`IF NOT EXISTS` makes a rerun harmless).");
        bullets.add(inTransaction
                ? "PostgreSQL 12+ accepts it inside a transaction block, but the new value cannot be used until that"
                + " transaction commits."
                : "PostgreSQL before 12 refuses ALTER TYPE ... ADD VALUE inside a transaction block: run it alone, in"
                + " autocommit (the step is not transactional).");
        SchemaStep step = new SchemaStep(0, Phase.EXPAND, null, "add_enum_value", e.name().name(), change.value(),
                bullets, List.of(statement), "no table lock: a catalog change to the type (milliseconds)", false,
                inTransaction, List.of("Release code that writes " + lit + " only after this step has committed."),
                "enum `" + e.name() + "` has " + lit,
                Rollback.note("nothing to undo: PostgreSQL cannot drop an enum value, and an unused one is harmless"
                        + " (removing it is a type change through a new type)"));
        return Contribution.builder().step(step).build();
    }
}
