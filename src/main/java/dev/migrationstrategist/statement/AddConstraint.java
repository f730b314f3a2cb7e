package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE t ADD CONSTRAINT name <check | foreign key | unique | primary key> [NOT VALID]}.
 */
public record AddConstraint(Ident table, Constraint constraint, boolean notValid, OnlineDdl online) implements Statement {
    @Override
    public List<DbObject> creates() {
        return constraint.name() == null ? List.of() : List.of(new DbObject.Constraint(table, constraint.name()));
    }

    @Override
    public String kind() {
        return "add_constraint";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addConstraint(this);
    }
}
