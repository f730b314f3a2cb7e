package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one application version reads and writes, per entity of the simulated traffic. An entity is a table of
 * State A with the 1:1 tables keyed by its key (a profile table whose primary key references it): an app reads and
 * writes such a row together with its owner. A version may keep an entity's fields in several tables (a split
 * moves some to a new table) and call its table by another name (a table rename).
 *
 * @param tables                    the entities this version uses, by the State A name of their table (lower case)
 * @param writesRenamedLabels       the version writes a renamed enum value's new spelling (a release said so)
 * @param retriesOnResultTypeChange the version re-prepares once when PostgreSQL says {@code cached plan must not
 *                                  change result type} (SQLSTATE 0A000), as a plan's type-change release tells it to
 */
record AppVersion(String name, Map<String, Shape> tables, boolean retriesOnResultTypeChange,
                  boolean writesRenamedLabels) {
    AppVersion {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    AppVersion(String name, Map<String, Shape> tables, boolean retriesOnResultTypeChange) {
        this(name, tables, retriesOnResultTypeChange, false);
    }

    /**
     * The value as this version writes it: a renamed enum value in its new spelling once a release told the app to
     * write it ({@code writesRenamedLabels}), else as generated (State A's spelling). Both spellings are one value
     * to {@link ValueType#canonical}.
     */
    Object spelled(Field f, Object value) {
        if (!writesRenamedLabels || value == null || f.type().kind() != ValueType.Kind.ENUM) {
            return value;
        }
        return f.type().renamed().getOrDefault(value.toString(), value.toString());
    }

    /** A column as a version uses it: the table it is in, and the field whose value it carries. */
    record Use(Ident table, Ident column, Field field) {
    }

    /**
     * One entity as the version sees it.
     *
     * @param entity   its table's name in State A
     * @param table    the name this version uses for that table (a view of the same name, while a rename runs)
     * @param key      the primary key's fields (empty: a table without one gets inserts only, as a log does)
     * @param keys     each table's key columns, in the order of {@code key}, by table name (lower case)
     * @param reads    what a read returns, in order
     * @param writes   what an update and an insert write
     * @param defaults the fields an INSERT leaves out, so the column's default fills them (as an app that never
     *                 names a defaulted column does)
     * @param inserts  whether the version inserts new rows (not when the key references another table's rows)
     */
    record Shape(Ident entity, Ident table, List<Field> key, Map<String, List<Ident>> keys, List<Use> reads,
                 List<Use> writes, Set<Field> defaults, boolean inserts) {
        Shape {
            key = List.copyOf(key);
            keys = Map.copyOf(keys);
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
            defaults = Set.copyOf(defaults);
        }

        List<Use> updates() {
            return writes.stream().filter(u -> u.field().updatable()).toList();
        }

        /** What an INSERT names: the writes without the columns left to their default. */
        List<Use> inserted() {
            return writes.stream().filter(u -> !defaults.contains(u.field())).toList();
        }

        boolean keyed() {
            return !key.isEmpty();
        }

        /** The key columns of {@code t} (one of the entity's tables). */
        List<Ident> keyColumns(Ident t) {
            List<Ident> k = keys.get(t.lower());
            if (k == null) {
                throw new IllegalStateException("no key columns known for " + t);
            }
            return k;
        }

        /** The uses grouped by table, the entity's own table first, then in order of first use. */
        static Map<Ident, List<Use>> byTable(Ident home, List<Use> uses) {
            Map<String, Ident> names = new LinkedHashMap<>();
            Map<String, List<Use>> grouped = new LinkedHashMap<>();
            names.put(home.lower(), home);
            grouped.put(home.lower(), new ArrayList<>());
            for (Use u : uses) {
                names.putIfAbsent(u.table().lower(), u.table());
                grouped.computeIfAbsent(u.table().lower(), k -> new ArrayList<>()).add(u);
            }
            Map<Ident, List<Use>> out = new LinkedHashMap<>();
            grouped.forEach((k, v) -> out.put(names.get(k), v));
            return out;
        }

        Shape with(Ident newTable, List<Use> newReads, List<Use> newWrites, Set<Field> newDefaults) {
            return new Shape(entity, newTable, key, keys, newReads, newWrites, newDefaults, inserts);
        }

        Shape withKeys(Map<String, List<Ident>> newKeys) {
            return new Shape(entity, table, key, newKeys, reads, writes, defaults, inserts);
        }
    }

    Shape shape(Ident table) {
        return tables.get(table.lower());
    }
}
