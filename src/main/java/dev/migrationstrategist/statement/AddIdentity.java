package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code ALTER TABLE t ALTER COLUMN c ADD GENERATED ALWAYS | BY DEFAULT AS IDENTITY (SEQUENCE NAME s)}:
 * the column (NOT NULL, without a default) becomes an identity column with a new sequence of its type, starting at
 * 1. Catalog only (measured on PostgreSQL 15: no rewrite, ACCESS EXCLUSIVE on the table); {@link CopySequenceValue}
 * then continues the numbering of the identity it replaces.
 */
public record AddIdentity(Ident table, Ident column, boolean always, Ident sequence) implements Statement {
    @Override
    public String kind() {
        return "add_identity";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addIdentity(this);
    }
}
