package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * State A (or a planned state): tables in declaration order and, for PostgreSQL, enum types and domains. Immutable.
 */
public record Schema(List<Table> tables, List<EnumType> enums, List<DomainType> domains, Dependants dependants) {
    public Schema {
        tables = Tables.of(tables);
        enums = List.copyOf(enums);
        domains = List.copyOf(domains);
        dependants = dependants == null ? Dependants.none() : dependants;
    }

    /** Tables, enum types and domains, nothing depending on them. */
    public Schema(List<Table> tables, List<EnumType> enums, List<DomainType> domains) {
        this(tables, enums, domains, Dependants.none());
    }

    /** The same schema with {@code value} as its views, routines, triggers, generated and ON UPDATE columns. */
    public Schema withDependants(Dependants value) {
        return new Schema(tables, enums, domains, value);
    }

    /** Tables and enum types, no domains. */
    public Schema(List<Table> tables, List<EnumType> enums) {
        this(tables, enums, List.of());
    }

    public static Schema empty() {
        return new Schema(List.of(), List.of());
    }

    public static Schema of(Table... tables) {
        return new Schema(List.of(tables), List.of());
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enums.isEmpty() && domains.isEmpty();
    }

    /**
     * Finds a table by its exact schema and name, else by a case-insensitive match of the name in that schema when
     * exactly one table matches so.
     */
    public Optional<Table> table(Ident name) {
        return ((Tables) tables).find(name);
    }

    public boolean hasTable(Ident name) {
        return table(name).isPresent();
    }

    public Optional<EnumType> enumType(Ident name) {
        return enums.stream().filter(e -> e.name().sameAs(name)).findFirst();
    }

    /** The exact name of the table {@link #table} finds for {@code name}; {@code name} itself when none. */
    private Ident resolve(Ident name) {
        return table(name).map(Table::name).orElse(name);
    }

    /** Replaces the table of the same name (keeping its position) or appends it. */
    public Schema withTable(Table table) {
        Tables all = (Tables) tables;
        int at = all.position(table.name());
        Table before = at < 0 ? null : all.get(at);
        Schema out = new Schema(at < 0 ? all.appending(table) : all.replacing(at, table), enums, domains, dependants);
        if (before != null && table.partitioning().partitioned() && !before.columns().equals(table.columns())) {
            // a partition's columns are its parent's: a column added, renamed, retyped or dropped on the parent is
            // so on every partition (and their partitions)
            for (Table p : tables) {
                if (p.partitioning().isPartition() && p.partitioning().parent().sameAs(table.name())) {
                    out = out.withTable(p.withColumns(followParent(p, before, table)));
                }
            }
        }
        return out;
    }

    /** The partition's columns after its parent went from {@code before} to {@code after}. */
    private static List<Column> followParent(Table partition, Table before, Table after) {
        List<Column> out = new ArrayList<>();
        for (Column c : after.columns()) {
            boolean unchanged = before.columns().contains(c);
            out.add(unchanged ? partition.column(c.name()).orElse(c) : c);
        }
        return out;
    }

    /** Replaces the table named {@code existing} by {@code replacement}, which may carry a new name. */
    public Schema replaceTable(Ident existing, Table replacement) {
        Ident key = resolve(existing);
        return new Schema(tables.stream().map(t -> t.name().equals(key) ? replacement : t).toList(), enums,
                domains, dependants);
    }

    /** The schema with one column of one table replaced by {@code change} of it; unchanged if either is missing. */
    public Schema withColumnChanged(Ident table, Ident column, java.util.function.UnaryOperator<Column> change) {
        return table(table).flatMap(t -> t.column(column)
                .map(c -> withTable(t.replaceColumn(column, change.apply(c))))).orElse(this);
    }

    public Schema withoutTable(Ident name) {
        Ident key = resolve(name);
        return new Schema(tables.stream().filter(t -> !t.name().equals(key)).toList(), enums, domains, dependants);
    }

    public Schema withEnum(EnumType type) {
        Map<String, EnumType> byName = new LinkedHashMap<>();
        enums.forEach(e -> byName.put(e.name().lower(), e));
        byName.put(type.name().lower(), type);
        return new Schema(tables, List.copyOf(byName.values()), domains, dependants);
    }

    public Optional<DomainType> domain(Ident name) {
        return domains.stream().filter(d -> d.name().sameAs(name)).findFirst();
    }

    /** Replaces the domain of the same name (keeping its position) or appends it. */
    public Schema withDomain(DomainType domain) {
        Map<String, DomainType> byName = new LinkedHashMap<>();
        domains.forEach(d -> byName.put(d.name().lower(), d));
        byName.put(domain.name().lower(), domain);
        return new Schema(tables, enums, List.copyOf(byName.values()), dependants);
    }

    /** Every (table, column) whose type is the domain {@code name}, in table and column order. */
    public List<Map.Entry<Table, Column>> columnsOfDomain(Ident name) {
        List<Map.Entry<Table, Column>> out = new ArrayList<>();
        for (Table t : tables) {
            for (Column c : t.columns()) {
                if (!c.type().array() && Ident.of(unqualified(c.type().base())).sameAs(name)) {
                    out.add(Map.entry(t, c));
                }
            }
        }
        return out;
    }

    /**
     * Every (table, column) whose type is {@code name} or an array of it, in table and column order: an enum type's
     * columns (a domain over it is not followed; see {@link #domainsOver}).
     */
    public List<Map.Entry<Table, Column>> columnsOfType(Ident name) {
        List<Map.Entry<Table, Column>> out = new ArrayList<>();
        for (Table t : tables) {
            for (Column c : t.columns()) {
                if (Ident.of(unqualified(c.type().base())).sameAs(name)) {
                    out.add(Map.entry(t, c));
                }
            }
        }
        return out;
    }

    /** The domains whose base type is {@code name} (or an array of it). */
    public List<DomainType> domainsOver(Ident name) {
        return domains.stream().filter(d -> Ident.of(unqualified(d.base().base())).sameAs(name)).toList();
    }

    private static String unqualified(String typeName) {
        int dot = typeName.lastIndexOf('.');
        return dot < 0 ? typeName : typeName.substring(dot + 1);
    }
}
