package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Names;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Add {@code FOREIGN KEY (columns) REFERENCES referencedTable (referencedColumns)} to {@code table}.
 * An empty {@code referencedColumns} means the referenced table's primary key (resolved from State A).
 *
 * @param onDelete      {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, {@code RESTRICT}, {@code NO ACTION} or null
 * @param writtenNotValid true when the user already wrote the PostgreSQL safe form {@code ... NOT VALID} (lint then
 *                        has nothing to say about the scan; the plan is the same)
 * @param implicitIndex true on MySQL/MariaDB when no index covers the columns: the server then creates one named
 *                      after the constraint, and State B holds it
 */
public record AddForeignKey(Ident table, Ident name, List<Ident> columns, Ident referencedTable,
                            List<Ident> referencedColumns, String onDelete, String onUpdate, boolean implicitIndex,
                            boolean writtenNotValid)
        implements Change {
    private static final List<String> ACTIONS = List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

    public AddForeignKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(referencedTable, "referencedTable");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a foreign key needs at least one column");
        }
        onDelete = action(onDelete);
        onUpdate = action(onUpdate);
    }

    public AddForeignKey(Ident table, Ident name, List<Ident> columns, Ident referencedTable,
                         List<Ident> referencedColumns, String onDelete, String onUpdate, boolean implicitIndex) {
        this(table, name, columns, referencedTable, referencedColumns, onDelete, onUpdate, implicitIndex, false);
    }

    public AddForeignKey(Ident table, Ident name, List<Ident> columns, Ident referencedTable,
                         List<Ident> referencedColumns, String onDelete, String onUpdate) {
        this(table, name, columns, referencedTable, referencedColumns, onDelete, onUpdate, false, false);
    }

    /** The same foreign key, as written with {@code NOT VALID}. */
    public AddForeignKey asWrittenNotValid() {
        return new AddForeignKey(table, name, columns, referencedTable, referencedColumns, onDelete, onUpdate,
                implicitIndex, true);
    }

    private static String action(String text) {
        if (text == null) {
            return null;
        }
        String normalized = text.trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
        if (!ACTIONS.contains(normalized)) {
            throw new IllegalArgumentException("'" + text + "' is not a referential action (expected one of "
                    + ACTIONS + ")");
        }
        return normalized;
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        List<Ident> refs = referencedColumns;
        if (refs.isEmpty()) {
            refs = schema.table(referencedTable).flatMap(t -> t.primaryKey()).map(Constraint::columns)
                    .orElse(List.of());
        }
        Ident n = name == null ? Names.constraint(table, columns.get(0), "fkey") : name;
        boolean implicit = dialect instanceof MySqlDialect
                && schema.table(table).map(t -> !Names.indexedBy(t, columns)).orElse(false);
        return new AddForeignKey(table, n, columns, referencedTable, refs, onDelete, onUpdate, implicit,
                writtenNotValid);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> {
            var next = t.withConstraint(constraint());
            return schema.withTable(implicitIndex ? next.withIndex(new Index(name, t.name(), columns, false, null,
                    null, true)) : next);
        }).orElse(schema);
    }

    public Constraint.ForeignKey constraint() {
        return new Constraint.ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, true);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.namedColumnsFields(table, name, columns);
        map.put("referenced_table", Change.json(referencedTable));
        map.put("referenced_columns", referencedColumns.stream().map(Ident::name).toList());
        if (onDelete != null) {
            map.put("on_delete", onDelete);
        }
        if (onUpdate != null) {
            map.put("on_update", onUpdate);
        }
        return map;
    }

    @Override
    public String describe() {
        return "add foreign key " + table + " (" + join(columns) + ") references " + referencedTable
                + (referencedColumns.isEmpty() ? "" : " (" + join(referencedColumns) + ")");
    }

    static String join(List<Ident> idents) {
        return String.join(", ", idents.stream().map(Ident::name).toList());
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return columns;
    }
}
