package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code ALTER TABLE t ALTER COLUMN c TYPE type [USING expr]} (in place only where the server neither
 * rewrites nor scans; otherwise planned as a new column and a swap).
 *
 * @param using the conversion expression, or null for a plain assignment
 */
public record AlterColumnType(Ident table, Ident column, String type, String using) implements Statement {
    @Override
    public String kind() {
        return "alter_column_type";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.alterColumnType(this);
    }
}
