package dev.migrationstrategist.proof;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of State A a plan touches, which its file carries and {@code apply} compares with the live database:
 * <ul>
 *   <li>every State A table a change names (its {@code table}, and any other field naming a State A table: the
 *       table a foreign key references, the table merged into, ...; the tables a new table's foreign keys
 *       reference), and the tables that use an enum type or domain a change names;</li>
 *   <li>one hop along foreign keys from those: the tables they reference and the tables that reference them;</li>
 *   <li>the partitions (all levels) of a chosen partitioned table;</li>
 *   <li>the enum types and domains a change names, and those the columns of the chosen tables are declared with;</li>
 *   <li>the views, routines, triggers, generated and ON UPDATE columns that use a chosen table (or write it).</li>
 * </ul>
 * Everything in State A order. It is enough to plan the changes again: what a strategy reads beyond it (a name
 * clash in another table, say) only ever refuses a plan, and this one was not refused.
 */
public final class StateAScope {
    private StateAScope() {
    }

    public static Schema of(Schema stateA, List<Change> changes) {
        Set<String> named = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        for (Change change : changes) {
            add(stateA, change.table().toString(), named, types);
            change.fields().values().forEach(v -> addValue(stateA, v, named, types));
            if (change instanceof CreateTable create) {
                foreignKeyTargets(create.definition()).forEach(t -> add(stateA, t, named, types));
            }
        }
        for (Table t : stateA.tables()) {
            if (t.columns().stream().anyMatch(c -> types.contains(typeName(c)))) {
                named.add(lower(t.name().toString()));
            }
        }
        Set<String> tables = new LinkedHashSet<>(named);
        for (Table t : stateA.tables()) {
            if (named.contains(lower(t.name().toString()))) {
                tables.addAll(foreignKeyTargets(t));
            } else if (foreignKeyTargets(t).stream().anyMatch(named::contains)) {
                tables.add(lower(t.name().toString()));
            }
        }
        // the partitions of a chosen partitioned table, all levels: a change to it is planned per partition
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table t : stateA.tables()) {
                if (t.partitioning().isPartition() && tables.contains(lower(t.partitioning().parent().toString()))) {
                    grew |= tables.add(lower(t.name().toString()));
                }
            }
        }
        List<Table> chosen = stateA.tables().stream().filter(t -> tables.contains(lower(t.name().toString()))).toList();
        chosen.forEach(t -> t.columns().forEach(c -> types.add(typeName(c))));
        return new Schema(chosen,
                stateA.enums().stream().filter(e -> types.contains(e.name().lower())).toList(),
                stateA.domains().stream().filter(d -> types.contains(d.name().lower())).toList(),
                stateA.dependants().touching(chosen.stream().map(Table::name).toList()));
    }

    private static void addValue(Schema stateA, Object value, Set<String> named, Set<String> types) {
        if (value instanceof String s) {
            add(stateA, s, named, types);
        } else if (value instanceof java.util.Map<?, ?> q && q.get("schema") != null && q.get("name") != null) {
            add(stateA, q.get("schema") + "." + q.get("name"), named, types); // a schema-qualified table
        } else if (value instanceof Collection<?> values) {
            values.forEach(v -> addValue(stateA, v, named, types));
        }
    }

    /**
     * A name that is a State A table, enum type or domain is recorded as such; anything else is not a name here.
     * Tables are keyed schema-qualified outside the current schema ({@code sales.orders}): a table of another schema
     * with the same name is never taken along.
     */
    private static void add(Schema stateA, String name, Set<String> named, Set<String> types) {
        String n = lower(name);
        if (stateA.tables().stream().anyMatch(t -> lower(t.name().toString()).equals(n))) {
            named.add(n);
        }
        if (stateA.enums().stream().anyMatch(e -> e.name().lower().equals(n))
                || stateA.domains().stream().anyMatch(d -> d.name().lower().equals(n))) {
            types.add(n);
        }
    }

    private static List<String> foreignKeyTargets(Table t) {
        return t.constraints().stream().filter(Constraint.ForeignKey.class::isInstance)
                .map(c -> lower(((Constraint.ForeignKey) c).referencedTable().toString())).toList();
    }

    /** The unqualified name of a column's declared type: an enum type's or domain's name where it is one. */
    private static String typeName(Column c) {
        String base = c.type().base();
        int dot = base.lastIndexOf('.');
        String last = dot < 0 ? base : base.substring(dot + 1);
        if (last.length() > 1 && last.startsWith("\"") && last.endsWith("\"")) {
            last = last.substring(1, last.length() - 1);
        }
        return lower(last);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
