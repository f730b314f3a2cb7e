package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER TABLE t ADD CONSTRAINT name UNIQUE | PRIMARY KEY USING INDEX i}: the index built
 * concurrently becomes the constraint (catalog only) and takes its name.
 */
public record AddConstraintUsingIndex(Ident table, Ident name, boolean primaryKey, Ident index) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Constraint(table, name));
    }

    @Override
    public String kind() {
        return "add_constraint_using_index";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addConstraintUsingIndex(this);
    }
}
