package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code CREATE OR REPLACE FUNCTION name() RETURNS trigger}: a trigger's function. Harmless to repeat.
 */
public record CreateFunction(Ident name, TriggerBody body) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Function(name));
    }

    /** {@code OR REPLACE}: it runs whether or not the function exists. */
    @Override
    public List<Fact> before() {
        return List.of();
    }

    @Override
    public String kind() {
        return "create_function";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createFunction(this);
    }
}
