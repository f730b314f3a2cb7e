package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.Map;
import java.util.Objects;

/** Allow NULL in {@code table.column}. */
public record DropNotNull(Ident table, Ident column) implements Change {
    public DropNotNull {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withColumnChanged(table, column, c -> c.withNullable(true));
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.columnFields(table, column);
        return map;
    }

    @Override
    public String describe() {
        return "drop not null on " + table + "." + column;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
