package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Drop a table once no running app version uses it. */
public record DropTable(Ident table) implements Change {
    public DropTable {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withoutTable(table);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        return map;
    }

    @Override
    public String describe() {
        return "drop table " + table;
    }
}
