package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.StatementVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns statements into the SQL text of one engine family; every identifier goes through the dialect's quoting.
 * What the families share (column and constraint definitions) lives here.
 */
abstract sealed class Renderer implements StatementVisitor<String> permits PostgresRenderer, MySqlRenderer {
    private final Dialect dialect;

    Renderer(Dialect dialect) {
        this.dialect = dialect;
    }

    final String q(Ident ident) {
        return dialect.quote(ident);
    }

    /** {@code name TYPE [NOT NULL] [DEFAULT expr]}. */
    final String columnDefinition(Column column) {
        StringBuilder sb = new StringBuilder(q(column.name())).append(' ').append(column.type().sql());
        if (!column.nullable()) {
            sb.append(" NOT NULL");
        }
        column.defaultValue().ifPresent(d -> sb.append(" DEFAULT ").append(d));
        return sb.toString();
    }

    /** {@code CONSTRAINT name CHECK (...) | FOREIGN KEY ... | UNIQUE (...) | PRIMARY KEY (...)}. */
    final String constraintDefinition(Constraint c) {
        String named = c.name() == null ? "" : "CONSTRAINT " + q(c.name()) + " ";
        String cols = dialect.quoteAll(c.columns());
        if (c instanceof Constraint.PrimaryKey) {
            return named + "PRIMARY KEY (" + cols + ")";
        }
        if (c instanceof Constraint.Unique) {
            return named + "UNIQUE (" + cols + ")";
        }
        if (c instanceof Constraint.Check check) {
            return named + "CHECK (" + check.expression() + ")";
        }
        return named + foreignKeyClause((Constraint.ForeignKey) c);
    }

    /** {@code FOREIGN KEY (cols) REFERENCES parent (cols) [ON DELETE ..] [ON UPDATE ..]}. */
    final String foreignKeyClause(Constraint.ForeignKey fk) {
        StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(dialect.quoteAll(fk.columns()))
                .append(") REFERENCES ").append(q(fk.referencedTable())).append(" (")
                .append(dialect.quoteAll(fk.referencedColumns())).append(')');
        referenceAction(fk.onDelete()).ifPresent(a -> sb.append(" ON DELETE ").append(a));
        referenceAction(fk.onUpdate()).ifPresent(a -> sb.append(" ON UPDATE ").append(a));
        return sb.toString();
    }

    /** Only the five SQL referential actions are rendered; anything else in the model is left out. */
    private static Optional<String> referenceAction(String action) {
        if (action == null) {
            return Optional.empty();
        }
        String a = action.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION").contains(a)
                ? Optional.of(a) : Optional.empty();
    }

    /**
     * {@code CREATE TABLE} with the table's columns and constraints; with {@code inlineIndexes} (MySQL/MariaDB) its
     * indexes too.
     */
    final String createTableText(Table table, boolean inlineIndexes) {
        List<String> parts = new ArrayList<>();
        for (Column c : table.columns()) {
            parts.add(columnDefinition(c));
        }
        for (Constraint c : table.constraints()) {
            String named = c.name() == null ? "" : "CONSTRAINT " + q(c.name()) + " ";
            String cols = dialect.quoteAll(c.columns());
            if (c instanceof Constraint.ForeignKey fk) {
                parts.add(named + "FOREIGN KEY (" + cols + ") REFERENCES " + q(fk.referencedTable()) + " ("
                        + dialect.quoteAll(fk.referencedColumns()) + ")"
                        + (fk.onDelete() == null ? "" : " ON DELETE " + fk.onDelete())
                        + (fk.onUpdate() == null ? "" : " ON UPDATE " + fk.onUpdate()));
            } else {
                parts.add(constraintDefinition(c));
            }
        }
        if (inlineIndexes) {
            for (Index i : table.indexes()) {
                parts.add((i.unique() ? "UNIQUE " : "") + "INDEX " + q(i.name()) + " ("
                        + dialect.quoteAll(i.columns()) + ")");
            }
        }
        return "CREATE TABLE " + q(table.name()) + " (\n  " + String.join(",\n  ", parts) + "\n);";
    }
}
