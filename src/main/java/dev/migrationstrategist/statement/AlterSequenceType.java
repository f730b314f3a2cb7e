package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code ALTER SEQUENCE s AS type}: a serial column's sequence keeps the type it was created with
 * ({@code integer}, maximum 2147483647) when its column is widened, so {@code nextval} would stop at the old limit.
 * Harmless to repeat (catalog only); it states no facts.
 */
public record AlterSequenceType(Ident sequence, String type) implements Statement {
    @Override
    public String kind() {
        return "alter_sequence_type";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.alterSequenceType(this);
    }
}
