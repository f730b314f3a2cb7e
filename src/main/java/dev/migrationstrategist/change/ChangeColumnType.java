package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Change the type of {@code table.column} to {@code newType}, keeping the name the apps use. */
public record ChangeColumnType(Ident table, Ident column, DataType newType) implements Change {
    public ChangeColumnType {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(newType, "newType");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column)
                .map(c -> schema.withTable(t.replaceColumn(column, c.withType(newType))))).orElse(schema);
    }

    /**
     * True when the schema's column already has this type: the statement restates it and changes nothing (ORMs write
     * {@code ALTER COLUMN c TYPE <its type>} beside DROP NOT NULL; PostgreSQL 15 keeps the relfilenode, measured).
     */
    public boolean restates(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column))
                .filter(now -> TypeChanges.same(now.type(), newType)).isPresent();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("column", column.name());
        map.put("new_type", newType.sql());
        return map;
    }

    @Override
    public String describe() {
        return "change type of " + table + "." + column + " to " + newType;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
