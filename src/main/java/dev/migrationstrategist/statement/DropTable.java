package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code DROP TABLE [IF EXISTS] t}.
 */
public record DropTable(Ident table, boolean ifExists) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Table(table));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_table";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropTable(this);
    }
}
