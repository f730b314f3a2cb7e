package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/** PostgreSQL {@code ALTER SEQUENCE from RENAME TO to} (also an identity's sequence). Catalog only. */
public record RenameSequence(Ident from, Ident to) implements Statement {
    @Override
    public String kind() {
        return "rename_sequence";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameSequence(this);
    }
}
