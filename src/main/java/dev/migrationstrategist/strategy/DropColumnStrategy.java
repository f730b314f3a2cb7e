package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;

import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;

/**
 * Drop a column without breaking the running app: first an app release that stops reading and writing it (a NOT
 * NULL column without a default is made nullable before, so that release can insert rows without it), then the
 * drop as the contract, once the old version is retired. The drop itself is irreversible.
 */
public final class DropColumnStrategy implements ChangeStrategy {
    private final DropColumn change;

    public DropColumnStrategy(DropColumn change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        ctx.requireColumn(change.table(), change.column());
        String what = "drop column " + change.table() + "." + change.column();
        if (table.columns().size() == 1) {
            throw StrategistException.invalid(what + ": it is the only column of " + table.name()
                    + "; drop the table instead");
        }
        ColumnSteps.requireNoKeys(ctx, table, change.column(), what);
        Dependencies.checkColumns(ctx, change.describe(), change.table(), java.util.List.of(change.column()),
                Dependencies.ColumnFate.DROPPED, null);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Column col = ctx.requireColumn(change.table(), change.column());
        Ident t = table.name();
        String tn = t.name();
        String c = col.name().name();
        Contribution.Builder out = Contribution.builder();
        boolean relax = !col.nullable() && col.defaultValue().isEmpty();
        if (relax) {
            out.step(ColumnSteps.step(Phase.EXPAND, "drop_not_null", t, c,
                    List.of("Allow NULL in `" + c + "`: it is NOT NULL without a default, so the next release, which"
                            + " no longer writes it, could not insert rows otherwise."),
                    List.of(sql.dropNotNullKeepingDefault(t, col)),
                    sql.dialect().rebuildInPlaceLock(),
                    true, sql.dialect().transactionalDdl(), List.of(), "`" + tn + "." + c + "` nullable",
                    Rollback.withSql("make it NOT NULL again (only while no row has a NULL in it)",
                            sql.restoreNotNull(t, col))));
        }
        out.switchOver(new AppInstruction("stop_using_column",
                List.of("Code stops reading and writing `" + c + "`: remove it from queries, SELECT lists and ORM"
                        + " mappings (an ORM that lists every mapped column fails once it is gone)."),
                List.of(), List.of(), "it still reads and writes " + c,
                c + " is still in the table with every value" + (relax || col.nullable()
                ? " (rows the new version inserted have it NULL" + col.defaultValue().map(d -> " or " + d).orElse("")
                + ")" : col.defaultValue().map(d -> " (rows the new version inserted have the default " + d + ")")
                .orElse(""))));

        List<String> bullets = new ArrayList<>();
        bullets.add("Drop `" + c + "`.");
        List<String> goes = new ArrayList<>();
        for (Index i : table.indexesOn(col.name())) {
            goes.add("index `" + i.name() + "`");
        }
        for (Constraint k : table.constraintsOn(col.name())) {
            goes.add("constraint" + (k.name() == null ? "" : " `" + k.name() + "`"));
        }
        if (!goes.isEmpty()) {
            bullets.add("Dropped with it: " + String.join(", ", goes) + ".");
        }
        OnlineDdl algorithm = sql.dialect().dropColumnAlgorithm();
        String cost = sql.dialect().dropColumnCost();
        if (cost != null) {
            bullets.add(cost);
        }
        String keyName = table.primaryKey().filter(pk -> pk.columns().size() == 1)
                .map(pk -> sql.q(pk.columns().get(0))).orElse(null);
        List<String> actions = new ArrayList<>();
        actions.add("Execute only when v" + ctx.options().appVersion() + " is fully retired from traffic.");
        if (keyName != null) {
            actions.add("If the values may be needed again, keep a copy first: `CREATE TABLE "
                    + sql.q(Ident.of(Names.fit(tn + "_" + c + "_backup"))) + " AS SELECT " + keyName + ", "
                    + sql.q(col.name()) + " FROM " + sql.q(t) + ";`");
        }
        List<Rendered> drop = new ArrayList<>(sql.dropsBeforeColumn(table, col.name()));
        drop.add(sql.dropColumn(t, col.name()));
        out.step(ColumnSteps.step(Phase.CONTRACT, "drop_column", t, c, bullets, drop,
                sql.dialect().lockWords(algorithm), true,
                sql.dialect().transactionalDdl(), actions, "`" + tn + "` without `" + c + "`",
                Rollback.irreversible("irreversible: the values of " + c + " are gone; before this step, rolling"
                        + " back is redeploying the previous app version")));
        return out.build();
    }
}
