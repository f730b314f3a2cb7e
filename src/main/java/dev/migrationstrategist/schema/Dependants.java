package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What State A holds besides tables that depends on them: views, materialized views, routines, triggers, generated
 * columns, and the MySQL/MariaDB columns declared {@code ON UPDATE CURRENT_TIMESTAMP} (which change whenever any
 * other column of the row changes). The tool's own sync triggers and functions are never part of it.
 */
public record Dependants(List<Dependant.View> views, List<Dependant.Routine> routines,
                         List<Dependant.Trigger> triggers, List<Dependant.Generated> generated,
                         List<Dependant.Use> onUpdate) {
    public Dependants {
        views = List.copyOf(views);
        routines = List.copyOf(routines);
        triggers = List.copyOf(triggers);
        generated = List.copyOf(generated);
        onUpdate = List.copyOf(onUpdate);
    }

    public static Dependants none() {
        return new Dependants(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return views.isEmpty() && routines.isEmpty() && triggers.isEmpty() && generated.isEmpty() && onUpdate.isEmpty();
    }

    /** Every dependant: views, routines, triggers, generated columns, in that order. */
    public List<Dependant> all() {
        List<Dependant> out = new ArrayList<>(views);
        out.addAll(routines);
        out.addAll(triggers);
        out.addAll(generated);
        return out;
    }

    /** The dependants that use the column (a trigger of the table itself counts when its body names it). */
    public List<Dependant> onColumn(Ident table, Ident column) {
        return all().stream().filter(d -> d.usesColumn(table, column)).toList();
    }

    /** The dependants that use the table in any way, its own triggers included. */
    public List<Dependant> onTable(Ident table) {
        return all().stream().filter(d -> d.usesTable(table)
                || d instanceof Dependant.Trigger t && t.table().sameAs(table)).toList();
    }

    /** The triggers of other tables whose bodies insert into, update or delete from {@code table}. */
    public List<Dependant.Trigger> writersOf(Ident table) {
        return triggers.stream().filter(t -> !t.table().sameAs(table))
                .filter(t -> t.writes().stream().anyMatch(w -> w.sameAs(table))).toList();
    }

    /** The triggers of {@code table} that fire on {@code event} with {@code timing} (BEFORE / AFTER). */
    public List<Dependant.Trigger> triggersOf(Ident table, String timing, String event) {
        return triggers.stream().filter(t -> t.table().sameAs(table) && t.timing().equalsIgnoreCase(timing)
                && t.firesOn(event)).toList();
    }

    /** The {@code ON UPDATE CURRENT_TIMESTAMP} columns of {@code table}, in column order as read. */
    public List<Ident> onUpdateColumns(Ident table) {
        return onUpdate.stream().filter(u -> u.table().sameAs(table)).map(Dependant.Use::column)
                .filter(Objects::nonNull).toList();
    }

    /** Only the dependants that touch one of {@code tables} (a plan's scope). */
    public Dependants touching(java.util.Collection<Ident> tables) {
        java.util.function.Predicate<Dependant> near = d -> tables.stream().anyMatch(t -> d.usesTable(t)
                || d instanceof Dependant.Trigger tr && (tr.table().sameAs(t)
                || tr.writes().stream().anyMatch(w -> w.sameAs(t))));
        return new Dependants(views.stream().filter(near).toList(), routines.stream().filter(near).toList(),
                triggers.stream().filter(near).toList(), generated.stream().filter(near).toList(),
                onUpdate.stream().filter(u -> tables.stream().anyMatch(t -> t.sameAs(u.table()))).toList());
    }
}
