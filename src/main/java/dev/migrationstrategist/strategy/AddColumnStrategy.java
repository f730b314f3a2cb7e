package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.DefaultExpressions;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Add a column. Where the server keeps the default in the catalog (or there is none) this is one expand step and
 * nothing else. Where the default would rewrite or copy a large table (PostgreSQL before 11, volatile defaults on
 * every version, MySQL before 8.0.12, MariaDB before 10.3) the column is added nullable, the default is set for new
 * rows, old rows are backfilled in batches, and NOT NULL comes last.
 */
public final class AddColumnStrategy implements ChangeStrategy {
    private final AddColumn change;

    public AddColumnStrategy(AddColumn change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        Column col = change.column();
        String what = "add column " + change.table() + "." + col.name();
        if (table.hasColumn(col.name())) {
            throw StrategistException.invalid(what + ": table " + table.name() + " already has a column "
                    + col.name());
        }
        boolean empty = ctx.rows(change.table()).orElse(-1) == 0;
        if (!col.nullable() && col.defaultValue().isEmpty() && !empty) {
            throw StrategistException.invalid(what + ": NOT NULL without a DEFAULT cannot be added to a table with"
                    + " rows (existing rows have no value: PostgreSQL refuses, MySQL fills in 0 or ''); give it a"
                    + " DEFAULT, or add it nullable, fill it, then SET NOT NULL (or pass --rows "
                    + change.table() + "=0 if the table is empty)");
        }
        if (needsBackfill(ctx)) {
            Backfills.keyColumns(table);
        }
    }

    private boolean needsBackfill(PlanContext ctx) {
        return !DefaultExpressions.addIsCatalogOnly(ctx.dialect(), change.column().defaultExpression())
                && ctx.isLarge(change.table());
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Column col = change.column();
        Ident t = table.name();
        String c = col.name().name();
        Contribution.Builder out = Contribution.builder();
        Rollback dropIt = Rollback.withSql("safe while no deployed code reads or writes " + c,
                List.of(sql.dropColumn(t, col.name())));
        if (!needsBackfill(ctx)) {
            boolean catalogOnly = DefaultExpressions.addIsCatalogOnly(ctx.dialect(), col.defaultExpression());
            OnlineDdl algorithm = sql.dialect().addColumnAlgorithm(catalogOnly,
                    DefaultExpressions.isVolatile(col.defaultExpression()));
            List<String> bullets = new ArrayList<>();
            bullets.add("Add `" + c + "` (" + col.type() + (col.nullable() ? ", nullable" : ", NOT NULL")
                    + col.defaultValue().map(d -> ", default `" + d + "`").orElse("") + ").");
            bullets.add(why(ctx, sql, t, col, catalogOnly));
            String lock = catalogOnly ? sql.dialect().lockWords(algorithm)
                    : sql.dialect().smallTableRewriteLock(algorithm);
            out.step(ColumnSteps.step(Phase.EXPAND, "add_column", t, c, bullets,
                    List.of(sql.addColumn(t, col, algorithm)), lock, true, sql.dialect().transactionalDdl(), List.of(),
                    "`" + t + "." + c + "` " + (col.nullable() ? "(nullable)" : "NOT NULL")
                            + col.defaultValue().map(d -> " default " + d).orElse(""), dropIt));
            return out.build();
        }

        String def = col.defaultExpression();
        Column nullable = new Column(col.name(), col.type(), true, null);
        OnlineDdl add = sql.dialect().addColumnAlgorithm();
        out.step(ColumnSteps.step(Phase.EXPAND, "add_column", t, c,
                List.of("Add `" + c + "` nullable, without a default: adding it with " + DefaultExpressions.describe(def)
                                + " would " + sql.dialect().tableRebuildWord() + " every row of `" + t
                                + "` under a lock that blocks writes (" + reason(sql, def) + ").",
                        "Then set the default `" + def + "` for new rows only: catalog only, no rewrite."),
                List.of(sql.addColumn(t, nullable, add), sql.setDefaultOnline(t, col.name(), def)),
                sql.dialect().lockWords(add), true, sql.dialect().transactionalDdl(), List.of(),
                "`" + t + "." + c + "` (nullable) default " + def + " for new rows", dropIt));

        List<String> extra = new ArrayList<>();
        extra.add("Deploy code that reads `" + c + "` only after this step: until it is done, rows written before"
                + " the expand read NULL.");
        out.step(Backfills.fillNulls(ctx, table, col.name(), def,
                List.of("Give the rows written before the expand their value: `" + def + "`"
                        + (DefaultExpressions.isVolatile(def) ? ", evaluated for each row" : "") + "."),
                extra, "every row of `" + t + "." + c + "` has a value",
                Rollback.note("nothing to undo: only NULLs of the new column were filled")));
        if (!col.nullable()) {
            out.step(ColumnSteps.notNull(sql, Phase.CONSTRAIN, t, nullable.withDefault(def), List.of(),
                    List.of("Run after the backfill.")));
            var checked = ColumnSteps.checkedNotNull(sql, t, nullable);
            if (checked != null) {
                out.checkedNotNull(checked);
            }
        }
        return out.build();
    }

    private static String reason(Sql sql, String def) {
        if (DefaultExpressions.isVolatile(def)) {
            return "a volatile default is evaluated for each existing row on every version";
        }
        return sql.dialect().rebuildingDefaultReason();
    }

    private static String why(PlanContext ctx, Sql sql, Ident table, Column col, boolean catalogOnly) {
        if (!catalogOnly) {
            return ColumnSteps.smallTable(ctx, table, "the table " + sql.dialect().tableRebuildWord()
                    + " the default needs (" + reason(sql, col.defaultExpression()) + ")");
        }
        return sql.dialect().catalogOnlyAddColumnCost(col.defaultExpression());
    }
}
