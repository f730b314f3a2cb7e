package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.Names;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Add a primary key on {@code columns} to an existing table that has none; the columns become NOT NULL. */
public record AddPrimaryKey(Ident table, Ident name, List<Ident> columns) implements Change {
    public AddPrimaryKey {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a primary key needs at least one column");
        }
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        return name != null ? this : new AddPrimaryKey(table, Names.primaryKey(table), columns);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> {
            Table next = t;
            for (Ident c : columns) {
                Column column = next.column(c).orElse(null);
                if (column != null) {
                    next = next.replaceColumn(c, column.withNullable(false));
                }
            }
            return schema.withTable(next.withConstraint(new Constraint.PrimaryKey(name, columns)));
        }).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.namedColumnsFields(table, name, columns);
        return map;
    }

    @Override
    public String describe() {
        return "add primary key " + table + " (" + AddForeignKey.join(columns) + ")";
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return columns;
    }
}
