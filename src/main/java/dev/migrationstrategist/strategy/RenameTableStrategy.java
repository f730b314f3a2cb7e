package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.CreateView;
import dev.migrationstrategist.statement.DropView;
import dev.migrationstrategist.statement.RenameTables;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.TableRename;

import java.util.List;

/**
 * Rename a table by expand and contract, with a simple (updatable) view keeping the other name alive while app
 * versions that use either name run side by side.
 *
 * <p>PostgreSQL: rename and create the view with the old name in ONE transaction (no moment without the old
 * name); drop the view at the contract. MySQL/MariaDB DDL is not transactional, so a rename followed by a
 * CREATE VIEW would leave a moment with no {@code old} at all: there the view with the NEW name comes first, and
 * the contract swaps names with one atomic {@code RENAME TABLE view TO aside, old TO new}. Measured on MariaDB
 * 10.11 with one session reading in a loop: rename-then-view failed 1 read (error 1146) in each of 3 runs, the
 * view-first swap failed none.
 */
public final class RenameTableStrategy implements ChangeStrategy {
    private final RenameTable change;

    public RenameTableStrategy(RenameTable change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        if (table.name().sameAs(change.newName())) {
            throw StrategistException.invalid("rename table " + table.name() + ": the new name is the same");
        }
        if (ctx.schema().hasTable(change.newName())) {
            throw StrategistException.invalid("rename table " + table.name() + " to " + change.newName()
                    + ": a table of that name exists");
        }
        Dependencies.checkTable(ctx, change.describe(), change.table(), Dependencies.TableFate.RENAMED,
                change.newName(), ViewCarry.names(ViewCarry.forTableRename(ctx, change.table(), change.newName())));
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Ident from = table.name();
        Ident to = change.newName();
        String f = from.name();
        String n = to.name();
        Contribution.Builder out = Contribution.builder();
        out.switchOver(new AppInstruction("use_new_table_name",
                List.of("Code reads and writes `" + n + "` instead of `" + f + "`."),
                List.of(n), List.of(n), "it uses " + f + ", which the view keeps alive until the contract",
                "both names reach the same rows until the contract"));
        if (sql.dialect().transactionalDdl()) {
            out.step(new SchemaStep(0, Phase.EXPAND, null, "rename_table", f, n,
                    List.of("Rename `" + f + "` to `" + n + "` and, in the same transaction, create view `" + f
                                    + "` over it: there is no moment without `" + f + "`.",
                            "A single-table view of plain columns is automatically updatable: SELECT, INSERT (the"
                                    + " table's defaults apply), UPDATE, DELETE, RETURNING and ON CONFLICT through `"
                                    + f + "` reach `" + n + "`.",
                            "Limits: columns added to `" + n + "` later do not appear in the view; TRUNCATE, ALTER"
                                    + " TABLE, LOCK TABLE and COPY FROM on `" + f + "` fail; triggers, indexes and"
                                    + " sequences stay with the table under their old names."),
                    List.of(sql.r(new dev.migrationstrategist.statement.RenameTable(from, to)),
                            view(sql, from, to, table)),
                    "ACCESS EXCLUSIVE on `" + f + "` for milliseconds", true, true,
                    List.of("Keep schema changes to `" + n + "` out of the window until the contract (the view lists"
                            + " its columns)."),
                    "table `" + n + "`, view `" + f + "` over it",
                    Rollback.withSql("safe before any app version uses " + n,
                            List.of(sql.r(new DropView(from, true)),
                                    sql.r(new dev.migrationstrategist.statement.RenameTable(to, from))))));
            out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_view", n, f,
                    List.of("Drop view `" + f + "`: only `" + n + "` remains."),
                    List.of(sql.r(new DropView(from, false))),
                    "ACCESS EXCLUSIVE on the view `" + f + "` for milliseconds", true, true,
                    List.of("Execute only when no running app version uses `" + f + "`."),
                    "table `" + n + "` only",
                    Rollback.withSql("safe: gives the old name back as a view", List.of(view(sql, from, to, table)))));
            return out.build();
        }
        Ident aside = Ident.of(Names.fit(n + "_view_old"));
        out.step(new SchemaStep(0, Phase.EXPAND, null, "create_view", f, n,
                List.of("Create view `" + n + "` over `" + f + "`: from now on both names reach the same rows."
                                + " The table keeps its name until the contract, because " + ctx.dialect().displayName()
                                + " cannot rename a table and create a view in one transaction (rename then view"
                                + " leaves a gap: measured on MariaDB 10.11, a reading session got `Table ... doesn't"
                                + " exist` in 3 of 3 runs; view first, then an atomic swap: 0 errors).",
                        "A single-table MERGE view of plain columns is updatable: SELECT, INSERT (the table's defaults"
                                + " and AUTO_INCREMENT apply), UPDATE and DELETE through `" + n + "` reach `" + f
                                + "`.",
                        "Limits: columns added to `" + f + "` later do not appear in the view; TRUNCATE, ALTER TABLE"
                                + " and LOAD DATA on `" + n + "` fail until the contract."),
                List.of(view(sql, to, from, table)),
                "shared metadata lock on `" + f + "` (reads and writes go on)", false, false, List.of(),
                "table `" + f + "`, view `" + n + "` over it",
                Rollback.withSql("safe before any app version uses " + n,
                        List.of(sql.r(new DropView(to, true))))));
        List<ViewCarry.Carried> views = ViewCarry.forTableRename(ctx, from, to);
        if (!views.isEmpty()) {
            out.step(ViewCarry.tableStep(sql, from, to, views));
        }
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "rename_table", f, n,
                List.of("Swap the names in one atomic RENAME TABLE: the view `" + n + "` moves aside and the table"
                        + " takes its name, so `" + n + "` never disappears; then drop the old view.",
                        "RENAME TABLE takes no ALGORITHM or LOCK clause: it is a metadata change under an exclusive"
                                + " metadata lock on both names."),
                List.of(sql.r(new RenameTables(List.of(new TableRename(to, aside), new TableRename(from, to)))),
                        sql.r(new DropView(aside, false))),
                "exclusive metadata lock on `" + f + "` and `" + n + "`, instant", true, false,
                List.of("Execute only when no running app version uses `" + f + "`."),
                "table `" + n + "` only",
                Rollback.withSql("safe: gives the old name back as a view over the renamed table",
                        List.of(view(sql, from, to, table)))));
        return out.build();
    }

    /** {@code CREATE VIEW name AS SELECT <columns> FROM table}: updatable on both dialects. */
    private static Rendered view(Sql sql, Ident name, Ident over, Table table) {
        return sql.r(new CreateView(name, over, table.columns().stream().map(Column::name).toList()));
    }
}
