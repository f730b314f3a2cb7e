package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.Map;
import java.util.Objects;

/** Make {@code table.column} NOT NULL without a long lock. */
public record SetNotNull(Ident table, Ident column) implements Change {
    public SetNotNull {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withColumnChanged(table, column, c -> c.withNullable(false));
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.columnFields(table, column);
        return map;
    }

    @Override
    public String describe() {
        return "set not null on " + table + "." + column;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
