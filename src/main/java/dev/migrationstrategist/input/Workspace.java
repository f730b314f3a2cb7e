package dev.migrationstrategist.input;

import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schema a reader is building, mutable and indexed by name, so that reading a dump of thousands of statements
 * looks each table up in constant time instead of rebuilding an immutable {@link Schema} (a copy of every table
 * list) per statement. Same lookup rules as {@link Schema}: a table is found by its exact schema and name, else by the
 * one table of that schema whose name matches case-insensitively (none when two differ only in case);
 * {@link #withTable} replaces the table of the same name in its place or appends it. {@link #toSchema} gives the
 * immutable result.
 */
final class Workspace {
    private final Map<Ident, Table> tables = new LinkedHashMap<>();
    /** Case-folded name → the exact names that fold to it. */
    private final Map<Ident, java.util.Set<Ident>> folded = new java.util.HashMap<>();
    private Schema types = Schema.empty();
    private final java.util.Set<Ident> materializedViews = new java.util.HashSet<>();
    /** The key of the table appended last (a replaced table keeps its place). */
    private Ident lastKey;

    Workspace() {
    }

    /** A workspace holding {@code base}'s tables and types, to read more DDL onto. */
    Workspace(Schema base) {
        base.tables().forEach(this::withTable);
        types = new Schema(List.of(), base.enums(), base.domains());
    }

    Optional<Table> table(Ident name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    boolean hasTable(Ident name) {
        return tables.containsKey(key(name));
    }

    /** Whether a table of exactly this schema and name exists ({@code Orders} is not {@code orders}). */
    boolean hasExactly(Ident name) {
        return tables.containsKey(name);
    }

    /** Replaces the table of exactly the same name, keeping its position, or appends it; returns this workspace. */
    Workspace withTable(Table table) {
        Ident key = table.name(); // exact: a table found by lookup carries its exact name, a new one its own
        if (tables.put(key, table) == null) {
            lastKey = key;
            folded.computeIfAbsent(fold(key), k -> new java.util.LinkedHashSet<>()).add(key);
        }
        return this;
    }

    /** The last table in declaration order (after a CREATE TABLE: the one it created). */
    Optional<Table> lastTable() {
        return Optional.ofNullable(lastKey == null ? null : tables.get(lastKey));
    }

    /** A snapshot of the tables in declaration order. */
    List<Table> tables() {
        return List.copyOf(tables.values());
    }

    Workspace withEnum(EnumType type) {
        types = types.withEnum(type);
        return this;
    }

    Optional<DomainType> domain(Ident name) {
        return types.domain(name);
    }

    Workspace withDomain(DomainType domain) {
        types = types.withDomain(domain);
        return this;
    }

    /** A materialized view: not a table, but indexes are created on it. */
    Workspace withMaterializedView(Ident name) {
        materializedViews.add(key(name));
        return this;
    }

    boolean isMaterializedView(Ident name) {
        return materializedViews.contains(key(name));
    }

    Schema toSchema() {
        return new Schema(List.copyOf(tables.values()), types.enums(), types.domains());
    }

    /** The exact name of the table {@code name} finds, else {@code name}. */
    private Ident key(Ident name) {
        if (tables.containsKey(name)) {
            return name;
        }
        java.util.Set<Ident> candidates = folded.get(fold(name));
        return candidates != null && candidates.size() == 1 ? candidates.iterator().next() : name;
    }

    private static Ident fold(Ident name) {
        return new Ident(name.name().toLowerCase(Locale.ROOT), name.schema());
    }
}
