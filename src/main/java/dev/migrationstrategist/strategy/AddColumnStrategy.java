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
            Backfills.keyColumn(table);
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
            OnlineDdl algorithm = sql.postgres() ? null
                    : catalogOnly ? sql.dialect().addColumnAlgorithm()
                    : DefaultExpressions.isVolatile(col.defaultExpression()) ? OnlineDdl.COPY : OnlineDdl.INPLACE;
            List<String> bullets = new ArrayList<>();
            bullets.add("Add `" + c + "` (" + col.type() + (col.nullable() ? ", nullable" : ", NOT NULL")
                    + col.defaultValue().map(d -> ", default `" + d + "`").orElse("") + ").");
            bullets.add(why(ctx, sql, t, col, catalogOnly));
            String lock = sql.postgres()
                    ? (catalogOnly ? sql.dialect().lockWords(null) : "ACCESS EXCLUSIVE while the small table is rewritten")
                    : sql.dialect().lockWords(algorithm);
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
                                + " would " + (sql.postgres() ? "rewrite" : "copy") + " every row of `" + t
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
        if (sql.postgres()) {
            return sql.dialect().displayName() + " rewrites the table for any default; PostgreSQL 11+ would not";
        }
        return "a default that is not a literal or CURRENT_TIMESTAMP cannot be added in place";
    }

    private static String why(PlanContext ctx, Sql sql, Ident table, Column col, boolean catalogOnly) {
        if (!catalogOnly) {
            return ColumnSteps.smallTable(ctx, table, "the table " + (sql.postgres() ? "rewrite" : "copy")
                    + " the default needs (" + reason(sql, col.defaultExpression()) + ")");
        }
        String d = col.defaultExpression();
        if (sql.postgres()) {
            if (d == null) {
                return "Catalog only: no rewrite, no scan; existing rows read NULL.";
            }
            return sql.dialect().displayName() + " keeps a non-volatile default in the catalog: no rewrite, existing"
                    + " rows read `" + d + "`"
                    + (d.toLowerCase(java.util.Locale.ROOT).matches(".*(now|current_timestamp).*")
                    ? " (evaluated once, at the ALTER: every existing row gets the same time)." : ".");
        }
        OnlineDdl a = sql.dialect().addColumnAlgorithm();
        if (a == OnlineDdl.INSTANT) {
            boolean mysqlLastOnly = !sql.dialect().name().equals("mariadb") && !sql.dialect().version().atLeast(8, 0, 29);
            return "ALGORITHM=INSTANT: metadata only, no table copy" + (mysqlLastOnly
                    ? "; added as the last column, the only place " + sql.dialect().displayName()
                    + " before 8.0.29 can add one instantly." : ".");
        }
        return versionNote(sql) + " has no instant ADD COLUMN: ALGORITHM=INPLACE, LOCK=NONE rebuilds the"
                + " table online (reads and writes go on)" + (d == null ? "." : "; it does so with or without the"
                + " default, so the default stays in the statement and no backfill is needed.");
    }

    /** "MySQL 8.0.11", or for a version without patch level, how it was read and how to say more. */
    static String versionNote(Sql sql) {
        var v = sql.dialect().version();
        String name = sql.dialect().name().equals("mariadb") ? "MariaDB " : "MySQL ";
        if (v.patch() == 0 && !sql.dialect().name().equals("mariadb")) {
            return name + v.major() + "." + v.minor() + " (read as " + v.major() + "." + v.minor() + ".0; give the"
                    + " patch level, e.g. --dialect mysql:" + v.major() + "." + v.minor() + ".36, if it is newer)";
        }
        return name + v;
    }
}
