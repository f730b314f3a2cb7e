package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * PostgreSQL {@code SELECT setval('to', last_value, is_called) FROM from}: sequence {@code to} continues where
 * {@code from} stands, so the next value it gives out is the one {@code from} would have given (values other
 * sessions cached from {@code from} are never handed out again: they lie below its last_value). Fails, changing
 * nothing, when that value is beyond {@code to}'s range. Harmless to repeat while {@code from} stands still.
 */
public record CopySequenceValue(Ident from, Ident to) implements Statement {
    @Override
    public String kind() {
        return "copy_sequence_value";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.copySequenceValue(this);
    }
}
