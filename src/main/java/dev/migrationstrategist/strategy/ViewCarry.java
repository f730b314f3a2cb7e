package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.ReplaceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Views carried through an expand/contract column rename: a view that reads {@code table.from} keeps reading it
 * (the sync trigger keeps it current) until the contract, whose first step recreates the view on {@code to} under
 * the same output column names, so the drop that follows neither fails (PostgreSQL) nor breaks the view (MySQL/
 * MariaDB). Only plain views whose query {@link ViewRewrite} can rewrite without doubt are carried; the others stay
 * refused by {@link Dependencies} with what to do.
 */
final class ViewCarry {
    /** A view and its query on the renamed column. */
    record Carried(Dependant.View view, String query) {
    }

    private ViewCarry() {
    }

    /**
     * The views the rename carries. None when the rename also changes the type: the view's output column would
     * change type, which PostgreSQL refuses in CREATE OR REPLACE VIEW.
     */
    static List<Carried> forRename(PlanContext ctx, Ident table, Ident from, Ident to, boolean typeChanges) {
        return typeChanges ? List.of() : carried(ctx.schema().dependants().onColumn(table, from),
                v -> ViewRewrite.renameColumn(ctx.dialect(), v.definition(), table, from, to));
    }

    /**
     * The views a table rename carries where views name tables by name (MySQL/MariaDB; PostgreSQL views follow the
     * table itself): each recreated on the new name.
     */
    static List<Carried> forTableRename(PlanContext ctx, Ident from, Ident to) {
        return ctx.dialect().viewsBindToColumns() ? List.of() : carried(ctx.schema().dependants().onTable(from),
                v -> ViewRewrite.renameTable(ctx.dialect(), v.definition(), from, to));
    }

    /** The plain views among {@code dependants} whose query {@code rewrite} can rewrite, each with its new query. */
    private static List<Carried> carried(List<Dependant> dependants,
                                         Function<Dependant.View, Optional<String>> rewrite) {
        List<Carried> out = new ArrayList<>();
        for (Dependant d : dependants) {
            if (d instanceof Dependant.View v && !v.materialized() && v.definition() != null) {
                rewrite.apply(v).ifPresent(q -> out.add(new Carried(v, q)));
            }
        }
        return out;
    }

    /** The names of the carried views (for the dependants check, which skips them). */
    static List<Ident> names(List<Carried> carried) {
        return carried.stream().map(c -> c.view().name()).toList();
    }

    /** The contract's first step: each view recreated on the new column; its rollback, each view as it was. */
    static SchemaStep step(Sql sql, Ident table, Ident from, Ident to, List<Carried> carried) {
        String names = quoted(carried);
        return step(sql, table, to, carried, List.of(
                        "Recreate " + (carried.size() == 1 ? "view " : "views ") + names + " on `" + to + "` in place"
                                + " of `" + from + "` (CREATE OR REPLACE VIEW: same output columns, a bare `" + from
                                + "` read as `" + to + " AS " + from + "`; the view's options and SQL SECURITY kept,"
                                + " and its definer where read from the live database), so that dropping `" + from
                                + "` next leaves " + (carried.size() == 1 ? "it" : "them") + " working.",
                        "The queries are the server's own definitions rewritten on their parse tree: only references"
                                + " that can mean nothing but `" + table + "." + from + "` changed.",
                        "Until this step the views read `" + from + "`, which the sync trigger keeps equal to `" + to
                                + "`."),
                names + " read `" + table + "." + to + "`",
                "recreate the views as they were (they read `" + from + "`, which exists until the next step)");
    }

    /**
     * The contract's first step for a table rename: each view recreated on the new name, which until the swap is the
     * expand's view over the table and after it the table itself, so the views never read a missing name.
     */
    static SchemaStep tableStep(Sql sql, Ident from, Ident to, List<Carried> carried) {
        String names = quoted(carried);
        return step(sql, from, to, carried, List.of(
                        "Recreate " + (carried.size() == 1 ? "view " : "views ") + names + " on `" + to + "` in place"
                                + " of `" + from + "` (CREATE OR REPLACE VIEW; the view's options and SQL SECURITY"
                                + " kept, and its definer where read from the live database): until the swap below `"
                                + to + "` is the view over `" + from + "`, after it the table itself, so these views"
                                + " never name a table that is gone.",
                        "The queries are the server's own definitions rewritten on their parse tree: only references"
                                + " to the table `" + from + "` changed."),
                names + " read `" + to + "`",
                "recreate the views as they were (they read `" + from + "`, a table until the next step)");
    }

    /** A {@code replace_view} step: each view's new query; its rollback, each view's definition as read. */
    private static SchemaStep step(Sql sql, Ident table, Ident details, List<Carried> carried, List<String> bullets,
                                   String stateAfter, String rollback) {
        List<Rendered> forward = carried.stream().map(c -> sql.r(new ReplaceView(c.view().name(), c.query(),
                c.view().options()))).toList();
        List<Rendered> back = carried.stream().map(c -> sql.r(new ReplaceView(c.view().name(),
                Verify.withoutTerminator(c.view().definition()), c.view().options()))).toList();
        return new SchemaStep(0, Phase.CONTRACT, null, "replace_view", table.name(), details.name(), bullets, forward,
                sql.dialect().replaceViewLock(), true, sql.dialect().transactionalDdl(), List.of(), stateAfter,
                Rollback.withSql(rollback, back));
    }

    private static String quoted(List<Carried> carried) {
        return String.join(", ", carried.stream().map(c -> "`" + c.view().name() + "`").toList());
    }
}
