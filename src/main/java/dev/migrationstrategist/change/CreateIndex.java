package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Names;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Create an index on plain columns of {@code table}.
 *
 * @param method       an access method such as {@code gin} (PostgreSQL), or null for the default b-tree
 * @param concurrently whether the user already wrote {@code CONCURRENTLY} (a guardrail looks at the naive form)
 */
public record CreateIndex(Ident table, Ident name, List<Ident> columns, boolean unique, String method,
                          boolean concurrently) implements Change {
    public CreateIndex {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one column");
        }
        if (method != null && !method.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + method + "' is not an index method");
        }
        method = method == null ? null : method.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        return name != null ? this : new CreateIndex(table, Names.constraint(table, columns, unique ? "key" : "idx"),
                columns, unique, method, concurrently);
    }

    public Index index() {
        return new Index(name, table, columns, unique, method, null, true);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> schema.withTable(t.withIndex(index().withTable(t.name()))))
                .orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.namedColumnsFields(table, name, columns);
        map.put("unique", unique);
        if (method != null) {
            map.put("method", method);
        }
        return map;
    }

    @Override
    public String describe() {
        return "create " + (unique ? "unique " : "") + "index " + (name == null ? "" : name + " ") + "on " + table
                + " (" + AddForeignKey.join(columns) + ")";
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return columns;
    }
}
