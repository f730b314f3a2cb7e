package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER TABLE t ALTER COLUMN c SET NOT NULL}.
 */
public record SetNotNull(Ident table, Ident column) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.Nullable(table, column, true));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.Nullable(table, column, false));
    }

    @Override
    public String kind() {
        return "set_not_null";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.setNotNull(this);
    }
}
