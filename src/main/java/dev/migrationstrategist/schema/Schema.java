package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** State A (or a planned state): tables in declaration order and, for PostgreSQL, enum types. Immutable. */
public record Schema(List<Table> tables, List<EnumType> enums) {
    public Schema {
        tables = List.copyOf(tables);
        enums = List.copyOf(enums);
    }

    public static Schema empty() {
        return new Schema(List.of(), List.of());
    }

    public static Schema of(Table... tables) {
        return new Schema(List.of(tables), List.of());
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enums.isEmpty();
    }

    /** Finds a table by its exact name, else by a case-insensitive match. */
    public Optional<Table> table(Ident name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .or(() -> tables.stream().filter(t -> t.name().sameAs(name)).findFirst());
    }

    public boolean hasTable(Ident name) {
        return table(name).isPresent();
    }

    public Optional<EnumType> enumType(Ident name) {
        return enums.stream().filter(e -> e.name().sameAs(name)).findFirst();
    }

    /** Replaces the table of the same name (keeping its position) or appends it. */
    public Schema withTable(Table table) {
        List<Table> next = new ArrayList<>();
        boolean replaced = false;
        for (Table t : tables) {
            if (t.name().sameAs(table.name())) {
                next.add(table);
                replaced = true;
            } else {
                next.add(t);
            }
        }
        if (!replaced) {
            next.add(table);
        }
        return new Schema(next, enums);
    }

    /** Replaces the table named {@code existing} by {@code replacement}, which may carry a new name. */
    public Schema replaceTable(Ident existing, Table replacement) {
        return new Schema(tables.stream().map(t -> t.name().sameAs(existing) ? replacement : t).toList(), enums);
    }

    /** The schema with one column of one table replaced by {@code change} of it; unchanged if either is missing. */
    public Schema withColumnChanged(Ident table, Ident column, java.util.function.UnaryOperator<Column> change) {
        return table(table).flatMap(t -> t.column(column)
                .map(c -> withTable(t.replaceColumn(column, change.apply(c))))).orElse(this);
    }

    public Schema withoutTable(Ident name) {
        return new Schema(tables.stream().filter(t -> !t.name().sameAs(name)).toList(), enums);
    }

    public Schema withEnum(EnumType type) {
        Map<String, EnumType> byName = new LinkedHashMap<>();
        enums.forEach(e -> byName.put(e.name().lower(), e));
        byName.put(type.name().lower(), type);
        return new Schema(tables, List.copyOf(byName.values()));
    }
}
