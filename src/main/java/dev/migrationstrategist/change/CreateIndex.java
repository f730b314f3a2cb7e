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
 * Create an index on {@code table}.
 *
 * @param columns      the table's columns the index refers to (its plain keys, the columns its expressions, INCLUDE
 *                     and predicate name)
 * @param method       an access method such as {@code gin} (PostgreSQL), or null for the default b-tree
 * @param concurrently whether the user already wrote {@code CONCURRENTLY} (a guardrail looks at the naive form)
 * @param definition   the whole index as written, where it is more than plain ascending columns (expression keys,
 *                     operator classes, collations, order, a predicate, INCLUDE, NULLS NOT DISTINCT, storage
 *                     parameters); null for plain columns
 */
public record CreateIndex(Ident table, Ident name, List<Ident> columns, boolean unique, String method,
                          boolean concurrently, Index definition) implements Change {
    public CreateIndex {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (definition != null && definition.plainColumns() && definition.where() == null
                && definition.include().isEmpty() && !definition.nullsNotDistinct() && definition.with().isEmpty()
                && !definition.invisible()) {
            definition = null;
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one column");
        }
        if (method != null && !method.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + method + "' is not an index method");
        }
        method = method == null ? null : method.toLowerCase(java.util.Locale.ROOT);
        if ("btree".equals(method)) {
            method = null; // the default, as State A's readers and the catalog spell it
        }
    }

    /** An index on plain columns. */
    public CreateIndex(Ident table, Ident name, List<Ident> columns, boolean unique, String method,
                       boolean concurrently) {
        this(table, name, columns, unique, method, concurrently, null);
    }

    /** The index {@code definition} describes (its name, or null where the server is to name it). */
    public static CreateIndex of(Index definition, Ident name, boolean concurrently) {
        return new CreateIndex(definition.table(), name, definition.columns(), definition.unique(),
                definition.method(), concurrently, definition);
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        return name != null ? this : new CreateIndex(table, Names.constraint(table, columns, unique ? "key" : "idx"),
                columns, unique, method, concurrently, definition);
    }

    public Index index() {
        return definition != null ? definition.withName(name).withTable(table)
                : new Index(name, table, columns, unique, method, null, true);
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
        if (definition != null) {
            if (!definition.keys().isEmpty()) {
                map.put("keys", definition.keys());
            }
            if (definition.where() != null) {
                map.put("where", definition.where());
            }
            if (!definition.include().isEmpty()) {
                map.put("include", definition.include().stream().map(Ident::name).toList());
            }
            if (definition.nullsNotDistinct()) {
                map.put("nulls_not_distinct", true);
            }
            if (!definition.with().isEmpty()) {
                map.put("with", definition.with());
            }
        }
        return map;
    }

    @Override
    public String describe() {
        return "create " + (unique ? "unique " : "") + "index " + (name == null ? "" : name + " ") + "on " + table
                + " (" + keysText() + ")" + (definition != null && definition.where() != null
                ? " where " + definition.where() : "");
    }

    /** The keys for a reader: the column names, or each key's column or expression as written. */
    public String keysText() {
        return definition == null || definition.keys().isEmpty() ? AddForeignKey.join(columns)
                : String.join(", ", definition.keys().stream().map(k -> k.column() != null ? k.column().name()
                : k.expression()).toList());
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return columns;
    }
}
