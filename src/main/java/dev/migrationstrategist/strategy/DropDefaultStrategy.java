package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * Remove a column's default: catalog only. On a NOT NULL column, every INSERT that leaves the column out fails once
 * the default is gone, so the apps first release code that always writes it, and the drop is the contract.
 */
public final class DropDefaultStrategy implements ChangeStrategy {
    private final DropDefault change;

    public DropDefaultStrategy(DropDefault change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Column col = ctx.requireColumn(change.table(), change.column());
        if (col.defaultValue().isEmpty()) {
            throw StrategistException.invalid("drop default of " + change.table() + "." + change.column()
                    + ": the column has no default");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Column col = ctx.requireColumn(change.table(), change.column());
        Ident t = ctx.requireTable(change.table()).name();
        String c = col.name().name();
        String d = col.defaultExpression();
        Rollback restore = Rollback.withSql("restore the default " + d,
                List.of(sql.setDefaultOnline(t, col.name(), d)));
        String lock = sql.dialect().lockWords(sql.instantOrInplace());
        Contribution.Builder out = Contribution.builder();
        if (col.nullable()) {
            out.step(ColumnSteps.step(Phase.EXPAND, "drop_default", t, c,
                    List.of("Drop the default `" + d + "` of `" + c + "`.",
                            "Catalog only. Rows inserted without `" + c + "` store NULL from now on instead of `" + d
                                    + "`; existing rows keep their values."),
                    List.of(sql.dropDefaultOnline(t, col.name())), lock, true, sql.dialect().transactionalDdl(),
                    List.of(), "`" + t + "." + c + "` without a default", restore));
            return out.build();
        }
        out.switchOver(new AppInstruction("write_column_explicitly",
                List.of("Code writes `" + c + "` on every INSERT into `" + t + "`: `" + c + "` is NOT NULL and its"
                        + " default `" + d + "` is about to go, after which an INSERT without it fails."),
                List.of(), List.of(t + "." + c), "it relies on the default, which is still there",
                "the default is still in place until the contract step"));
        out.step(ColumnSteps.step(Phase.CONTRACT, "drop_default", t, c,
                List.of("Drop the default `" + d + "` of `" + c + "` (catalog only)."),
                List.of(sql.dropDefaultOnline(t, col.name())), lock, true, sql.dialect().transactionalDdl(),
                List.of("Execute only when every running app version writes `" + c + "` on INSERT."),
                "`" + t + "." + c + "` NOT NULL without a default", restore));
        return out.build();
    }
}
