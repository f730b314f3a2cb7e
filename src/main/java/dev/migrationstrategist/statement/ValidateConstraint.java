package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER TABLE t VALIDATE CONSTRAINT name}: scans under SHARE UPDATE EXCLUSIVE. Harmless to repeat.
 */
public record ValidateConstraint(Ident table, Ident name) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.Present(new DbObject.Constraint(table, name)));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.Validated(new DbObject.Constraint(table, name)));
    }

    @Override
    public String kind() {
        return "validate_constraint";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.validateConstraint(this);
    }
}
