package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code DROP FUNCTION [IF EXISTS] name()}.
 */
public record DropFunction(Ident name, boolean ifExists) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Function(name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_function";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropFunction(this);
    }
}
