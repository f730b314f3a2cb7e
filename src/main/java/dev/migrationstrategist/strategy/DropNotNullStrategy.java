package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;

/**
 * Allow NULL in a column: catalog only on PostgreSQL; an online in-place rebuild on MySQL/MariaDB (measured on
 * MariaDB 10.11: INSTANT and NOCOPY are refused, INPLACE with LOCK=NONE accepted). One expand step.
 */
public final class DropNotNullStrategy implements ChangeStrategy {
    private final DropNotNull change;

    public DropNotNullStrategy(DropNotNull change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        Column col = ctx.requireColumn(change.table(), change.column());
        if (col.nullable()) {
            throw StrategistException.invalid("drop not null on " + change.table() + "." + change.column()
                    + ": the column is already nullable");
        }
        if (table.primaryKey().map(pk -> pk.covers(change.column())).orElse(false)) {
            throw StrategistException.invalid("drop not null on " + change.table() + "." + change.column()
                    + ": it is part of the primary key, which is always NOT NULL");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Column col = ctx.requireColumn(change.table(), change.column());
        Ident t = ctx.requireTable(change.table()).name();
        String c = col.name().name();
        List<String> bullets = new ArrayList<>();
        bullets.add("Allow NULL in `" + c + "`.");
        bullets.add(sql.dialect().dropNotNullCost());
        List<Rendered> rollbackSql = sql.restoreNotNull(t, col);
        return Contribution.builder().step(ColumnSteps.step(Phase.EXPAND, "drop_not_null", t, c, bullets,
                List.of(sql.dropNotNullKeepingDefault(t, col)),
                sql.dialect().rebuildInPlaceLock(),
                true, sql.dialect().transactionalDdl(), List.of(), "`" + t + "." + c + "` nullable",
                Rollback.withSql("make it NOT NULL again: fails, changing nothing, once a NULL has been written",
                        rollbackSql))).build();
    }
}
