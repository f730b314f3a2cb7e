package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code ALTER TABLE t ALTER COLUMN c DROP IDENTITY}: the column keeps its values and its NOT NULL, stops
 * numbering inserts, and its identity sequence is dropped with it (an identity's sequence cannot be given to another
 * column: {@code ALTER SEQUENCE ... OWNED BY} is refused, "cannot change ownership of identity sequence"). Catalog
 * only, ACCESS EXCLUSIVE on the table.
 */
public record DropIdentity(Ident table, Ident column) implements Statement {
    @Override
    public String kind() {
        return "drop_identity";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropIdentity(this);
    }
}
