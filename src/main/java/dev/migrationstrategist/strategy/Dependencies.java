package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What depends on what a change removes, renames or retypes, and what the plan does about it. A plan can neither
 * rewrite a view's query nor a routine's or trigger's body, so:
 * <ul>
 *   <li>an object that would break or silently read something else is refused, one line per object naming it and
 *       what to do (views and materialized views, generated columns, PostgreSQL SQL-standard function bodies,
 *       triggers whose body names what the contract removes, triggers of other tables that write a table that goes
 *       away);</li>
 *   <li>a routine whose body is text the server does not track (PL/pgSQL, MariaDB) and that names what goes away
 *       is named in the plan's notes: it must change with the app ({@link #notes}).</li>
 * </ul>
 * Whether a view follows a renamed column or table, and whether it blocks a type change, is the dialect's
 * {@code viewsBindToColumns()} (measured on PostgreSQL 15 and MariaDB 10.11).
 */
public final class Dependencies {
    /** What a change does to a column, as far as the objects using it see. */
    public enum ColumnFate {
        /** The column is dropped at the contract. */
        DROPPED,
        /** Expand/contract rename: the app moves to a new column and the old one is dropped at the contract. */
        RENAMED,
        /** The column gets a new type (directly, or a new column swapped in under its name). */
        RETYPED
    }

    /** What a change does to a table. */
    public enum TableFate { DROPPED, RENAMED }

    private Dependencies() {
    }

    /** Refuses the change when an object using one of {@code columns} of {@code table} would break. */
    public static void checkColumns(PlanContext ctx, String what, Ident table, List<Ident> columns, ColumnFate fate,
                                    Ident newName) {
        checkColumns(ctx, what, table, columns, fate, newName, List.of());
    }

    /**
     * Refuses the change when an object using one of {@code columns} of {@code table} would break, leaving out the
     * views the plan recreates itself ({@code carried}, see {@link ViewCarry}).
     */
    public static void checkColumns(PlanContext ctx, String what, Ident table, List<Ident> columns, ColumnFate fate,
                                    Ident newName, List<Ident> carried) {
        List<String> lines = new ArrayList<>();
        Set<Dependant> seen = new LinkedHashSet<>();
        for (Ident column : columns) {
            for (Dependant d : ctx.schema().dependants().onColumn(table, column)) {
                if (d instanceof Dependant.View v && carried.stream().anyMatch(n -> n.sameAs(v.name()))) {
                    continue;
                }
                if (seen.add(d)) {
                    String line = refusal(ctx, d, table, column, fate, newName);
                    if (line != null) {
                        lines.add(line);
                    }
                }
            }
        }
        refuse(what, lines);
    }

    /** Refuses the change when an object using {@code table} would break once it is dropped or renamed. */
    public static void checkTable(PlanContext ctx, String what, Ident table, TableFate fate, Ident newName) {
        checkTable(ctx, what, table, fate, newName, List.of());
    }

    /** As {@link #checkTable}, leaving out the views the plan recreates itself ({@code carried}). */
    public static void checkTable(PlanContext ctx, String what, Ident table, TableFate fate, Ident newName,
                                  List<Ident> carried) {
        Dependants deps = ctx.schema().dependants();
        List<String> lines = new ArrayList<>();
        boolean followsRename = ctx.dialect().viewsBindToColumns();
        for (Dependant d : deps.onTable(table)) {
            if (d instanceof Dependant.View v && carried.stream().anyMatch(n -> n.sameAs(v.name()))) {
                continue;
            }
            if (d instanceof Dependant.Trigger t && t.table().sameAs(table)) {
                continue; // the table's own triggers go (or move) with it
            }
            if (d instanceof Dependant.Generated) {
                continue; // a generated column of the table itself
            }
            String name = d.describe();
            String uses = (d.exact() ? " uses " : " names ") + table;
            if (d instanceof Dependant.View v) {
                if (fate == TableFate.DROPPED) {
                    lines.add(name + uses + ": drop " + v.name() + " (or recreate it without " + table
                            + ") first, then plan this change");
                } else if (!followsRename) {
                    lines.add(name + uses + " by name and fails once the old name is gone (ERROR 1356), and the"
                            + " plan cannot recreate it (its query does not parse, or gives the name " + table
                            + " to something else): drop it before planning and recreate it on " + newName
                            + " after the contract");
                }
            } else if (d instanceof Dependant.Routine r && r.exact()) {
                if (fate == TableFate.DROPPED) {
                    lines.add(name + uses + " (an SQL-standard body the server binds to it): drop or recreate "
                            + r.name() + " without " + table + " first");
                }
            } else if (d instanceof Dependant.Trigger t && t.writes().stream().anyMatch(w -> w.sameAs(table))) {
                lines.add(name + " writes " + table + (fate == TableFate.DROPPED ? "" : " by name")
                        + ": every write on " + t.table() + " fails once " + table + " is gone; change "
                        + (t.function() == null ? t.name() : "its function " + t.function()) + " to stop writing "
                        + table + (fate == TableFate.RENAMED ? " (write " + newName + ")" : "")
                        + " first, then plan this change");
            } else if (d instanceof Dependant.Trigger t) {
                lines.add(name + uses + ": change " + (t.function() == null ? t.name() : "its function "
                        + t.function()) + " to stop naming " + table + " first, then plan this change");
            }
        }
        refuse(what, lines);
    }

    /** Notes for the routines that may name what goes away: the server does not track them. */
    public static List<Finding> notes(PlanContext ctx, String what, Ident table, List<Ident> columns, boolean whole) {
        Dependants deps = ctx.schema().dependants();
        List<Finding> out = new ArrayList<>();
        Set<Dependant.Routine> seen = new LinkedHashSet<>();
        for (Dependant.Routine r : deps.routines()) {
            if (r.exact()) {
                continue;
            }
            List<Ident> named = columns.stream().filter(c -> r.usesColumn(table, c)).toList();
            if ((whole && r.usesTable(table) || !named.isEmpty()) && seen.add(r)) {
                String object = whole ? table.name() : table + "." + String.join(", " + table + ".",
                        named.stream().map(Ident::name).toList());
                out.add(new Finding("routine-changes-with-app", Severity.WARNING, table.name(),
                        r.describe() + " (" + r.language() + ") may use " + object + ": its body is text the"
                                + " server does not check, so it fails when called after " + what + ".",
                        "Change " + r.name() + " with the app: release its new version together with the app"
                                + " release that stops using " + object + ".", null));
            }
        }
        return out;
    }

    private static String refusal(PlanContext ctx, Dependant d, Ident table, Ident column, ColumnFate fate,
                                  Ident newName) {
        String name = d.describe();
        String col = table + "." + column;
        String uses = (d.exact() ? " uses " : " names ") + col;
        boolean bound = ctx.dialect().viewsBindToColumns();
        String gone = fate == ColumnFate.DROPPED ? "the contract drops it"
                : fate == ColumnFate.RENAMED ? "the contract drops it once the app reads " + newName
                : "";
        if (d instanceof Dependant.View v) {
            if (fate == ColumnFate.RETYPED) {
                return bound ? name + uses + ": PostgreSQL cannot change the type of a column a view uses, and a"
                        + " column swap would leave " + v.name() + " reading the old column; drop " + v.name()
                        + ", change the type, then recreate it" : null;
            }
            return name + uses + " and " + (bound ? "blocks the drop" : "would fail with ERROR 1356") + " (" + gone
                    + "): " + (fate == ColumnFate.RENAMED ? (v.materialized() ? "a materialized view is not recreated"
                    + " by the plan (it would be empty until refreshed)" : "the plan recreates a view on the new column"
                    + " only when every reference to the column is certain (qualified by its table's name or alias,"
                    + " no USING or NATURAL join, no derived table or WITH, no " + table + ".*)") + "; drop "
                    + v.name() + " before planning and recreate it on " + table + "." + newName + " after the"
                    + " contract" + (v.materialized() ? "" : ", or qualify its columns and plan again")
                    : "recreate " + v.name() + " without " + column + " (or drop it) first, then plan this change");
        }
        if (d instanceof Dependant.Generated g) {
            return name + " is computed from " + col + ": drop " + g.column() + " (or redefine it without "
                    + column + ") first, then plan this change";
        }
        if (d instanceof Dependant.Routine r) {
            if (!r.exact()) {
                return null; // a note: it changes with the app
            }
            return name + uses + " (an SQL-standard body the server binds to the column"
                    + (fate == ColumnFate.RETYPED ? ": it blocks a type change and a swap would leave it on the old"
                    + " column" : ": " + gone) + "): drop " + r.name() + ", plan this change, then recreate it"
                    + (fate == ColumnFate.RENAMED ? " on " + newName : "");
        }
        if (d instanceof Dependant.Trigger t) {
            if (fate == ColumnFate.RETYPED) {
                return null; // a trigger body names columns, resolved at each run
            }
            return name + uses + " (" + gone + ", and then every write that fires it fails): change "
                    + (t.function() == null ? t.name() : "its function " + t.function()) + " to stop naming "
                    + column + " first, then plan this change";
        }
        return null;
    }

    private static void refuse(String what, List<String> lines) {
        if (!lines.isEmpty()) {
            throw StrategistException.invalid(what + ": " + String.join("; ", lines));
        }
    }
}
