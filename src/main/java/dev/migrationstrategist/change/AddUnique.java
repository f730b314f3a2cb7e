package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Names;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Make {@code columns} of {@code table} unique. State B holds a UNIQUE constraint (on MySQL/MariaDB the catalog
 * shows it as the unique index of the same name, which is the same thing there).
 */
public record AddUnique(Ident table, Ident name, List<Ident> columns) implements Change {
    public AddUnique {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a unique constraint needs at least one column");
        }
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        return name != null ? this : new AddUnique(table, Names.constraint(table, columns, "key"), columns);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> schema.withTable(t.withConstraint(new Constraint.Unique(name, columns))))
                .orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.namedColumnsFields(table, name, columns);
        return map;
    }

    @Override
    public String describe() {
        return "add unique " + table + " (" + AddForeignKey.join(columns) + ")";
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return columns;
    }
}
