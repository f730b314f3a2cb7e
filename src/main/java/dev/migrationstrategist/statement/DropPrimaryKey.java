package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL/MariaDB {@code ALTER TABLE t DROP PRIMARY KEY[, MODIFY <definition> ...]}: drops the primary key and, in the
 * same rebuild, gives the key columns that were nullable before it their nullable definition back.
 *
 * @param restoreNullable the key columns to make nullable again (full definitions), in order; may be empty
 */
public record DropPrimaryKey(Ident table, List<Column> restoreNullable, OnlineDdl online) implements Statement {
    /** The name MySQL and MariaDB give every primary key. */
    public static final Ident PRIMARY = Ident.of("PRIMARY");

    public DropPrimaryKey {
        restoreNullable = List.copyOf(restoreNullable);
    }

    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Constraint(table, PRIMARY));
    }

    @Override
    public List<Fact> after() {
        List<Fact> out = new ArrayList<>(Statement.super.after());
        for (Column c : restoreNullable) {
            out.add(new Fact.Nullable(table, c.name(), true));
        }
        return out;
    }

    @Override
    public String kind() {
        return "drop_primary_key";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropPrimaryKey(this);
    }
}
