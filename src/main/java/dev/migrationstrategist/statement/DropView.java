package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code DROP VIEW [IF EXISTS] name}.
 */
public record DropView(Ident name, boolean ifExists) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.View(name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_view";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropView(this);
    }
}
