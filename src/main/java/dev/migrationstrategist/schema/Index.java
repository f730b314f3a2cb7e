package dev.migrationstrategist.schema;

import java.util.List;
import java.util.Objects;

/**
 * A secondary index. {@code columns} are plain column names; an index on expressions keeps its text in
 * {@code expression} and an empty column list.
 */
public record Index(Ident name, Ident table, List<Ident> columns, boolean unique, String method, String where,
                    boolean valid) {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    public static Index on(String table, String name, boolean unique, String... columns) {
        return new Index(Ident.of(name), Ident.of(table), java.util.Arrays.stream(columns).map(Ident::of).toList(),
                unique, null, null, true);
    }

    public boolean covers(Ident column) {
        return columns.stream().anyMatch(c -> c.sameAs(column));
    }

    public Index withColumns(List<Ident> newColumns) {
        return new Index(name, table, newColumns, unique, method, where, valid);
    }

    public Index withName(Ident newName) {
        return new Index(newName, table, columns, unique, method, where, valid);
    }

    public Index withTable(Ident newTable) {
        return new Index(name, newTable, columns, unique, method, where, valid);
    }
}
