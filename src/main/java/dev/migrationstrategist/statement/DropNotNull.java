package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER TABLE t ALTER COLUMN c DROP NOT NULL}.
 */
public record DropNotNull(Ident table, Ident column) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.Nullable(table, column, false));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.Nullable(table, column, true));
    }

    @Override
    public String kind() {
        return "drop_not_null";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropNotNull(this);
    }
}
