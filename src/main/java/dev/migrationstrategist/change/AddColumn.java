package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Add {@code column} (type, nullability, default) to {@code table}. */
public record AddColumn(Ident table, Column column) implements Change {
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> schema.withTable(t.withColumn(column))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("column", column.name().name());
        map.put("type", column.type().sql());
        map.put("nullable", column.nullable());
        column.defaultValue().ifPresent(d -> map.put("default", d));
        return map;
    }

    @Override
    public String describe() {
        return "add column " + table + "." + column.name() + " " + column.type()
                + (column.nullable() ? "" : " not null") + column.defaultValue().map(d -> " default " + d).orElse("");
    }
}
