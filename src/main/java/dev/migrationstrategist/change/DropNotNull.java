package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.strategy.ChangeStrategy;
import dev.migrationstrategist.strategy.DropNotNullStrategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Allow NULL in {@code table.column}. */
public record DropNotNull(Ident table, Ident column) implements Change {
    public DropNotNull {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public ChangeStrategy strategy() {
        return new DropNotNullStrategy(this);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column)
                .map(c -> schema.withTable(t.replaceColumn(column, c.withNullable(true))))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", table.name());
        map.put("column", column.name());
        return map;
    }

    @Override
    public String describe() {
        return "drop not null on " + table + "." + column;
    }
}
