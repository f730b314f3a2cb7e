package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.DefaultExpressions;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;

import dev.migrationstrategist.statement.Rendered;

import java.util.List;

/** Set a column's default: catalog only on every supported version, for new rows only. One expand step. */
public final class SetDefaultStrategy implements ChangeStrategy {
    private final SetDefault change;

    public SetDefaultStrategy(SetDefault change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        ctx.requireColumn(change.table(), change.column());
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Column col = ctx.requireColumn(change.table(), change.column());
        Ident t = ctx.requireTable(change.table()).name();
        String c = col.name().name();
        Rendered undo = col.defaultValue().map(d -> sql.setDefaultOnline(t, col.name(), d))
                .orElse(sql.dropDefaultOnline(t, col.name()));
        return Contribution.builder().step(ColumnSteps.step(Phase.EXPAND, "set_default", t, c,
                List.of("Set the default of `" + c + "` to `" + change.expression() + "`"
                                + col.defaultValue().map(d -> " (was `" + d + "`)").orElse("") + ".",
                        "Catalog only: rows that exist keep their values (NULLs stay NULL); only rows inserted from now"
                                + " on without `" + c + "` get the default"
                                + (DefaultExpressions.isVolatile(change.expression())
                                ? ", each evaluated at its insert." : ".")),
                List.of(sql.setDefaultOnline(t, col.name(), change.expression())),
                sql.dialect().lockWords(sql.instantOrInplace()), true,
                sql.dialect().transactionalDdl(), List.of(), "`" + t + "." + c + "` default " + change.expression(),
                Rollback.withSql(col.defaultValue().map(d -> "restore the default " + d).orElse("drop the default")
                        + " (rows inserted meanwhile keep the value they got)", List.of(undo)))).build();
    }
}
