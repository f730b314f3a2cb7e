package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code ALTER SEQUENCE s [AS type] [OWNED BY t.c]}. A serial column's sequence keeps the type it was
 * created with ({@code integer}, maximum 2147483647) when its column is widened, so {@code nextval} would stop at the
 * old limit; and a sequence owned by a column is dropped with it, so a column that takes over a key takes over its
 * sequence. Harmless to repeat (catalog only); it states no facts.
 *
 * @param type         the new type, or null to keep it
 * @param ownedByTable with {@code ownedByColumn}, the new owner, or null to keep it
 */
public record AlterSequence(Ident sequence, String type, Ident ownedByTable, Ident ownedByColumn)
        implements Statement {
    public AlterSequence(Ident sequence, String type) {
        this(sequence, type, null, null);
    }

    @Override
    public String kind() {
        return "alter_sequence";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.alterSequence(this);
    }
}
