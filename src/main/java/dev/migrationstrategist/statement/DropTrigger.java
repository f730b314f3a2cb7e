package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code DROP TRIGGER [IF EXISTS] name [ON t]}.
 */
public record DropTrigger(Ident name, Ident table, boolean ifExists) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Trigger(table, name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_trigger";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropTrigger(this);
    }
}
