package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.Map;
import java.util.Objects;

/** Drop {@code table.column} once no running app version reads or writes it. */
public record DropColumn(Ident table, Ident column) implements Change {
    public DropColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> schema.withTable(t.withoutColumn(column))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.columnFields(table, column);
        return map;
    }

    @Override
    public String describe() {
        return "drop column " + table + "." + column;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
