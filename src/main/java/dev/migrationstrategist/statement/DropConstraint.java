package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * Drops a table constraint: PostgreSQL {@code DROP CONSTRAINT [IF EXISTS]}; MySQL/MariaDB by its kind ({@code DROP
 * FOREIGN KEY}, {@code DROP CHECK} / {@code DROP CONSTRAINT}, {@code DROP PRIMARY KEY}, {@code DROP INDEX}).
 */
public record DropConstraint(Ident table, Ident name, ConstraintKind constraintKind, boolean ifExists, OnlineDdl online) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Constraint(table, name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_constraint";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropConstraint(this);
    }
}
