package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Merge the 1:1 table {@code table} back into {@code into}: its columns (all but its key) move, with their data,
 * into {@code into}, and {@code table} is dropped. The reverse of {@link SplitTable}.
 */
public record MergeTable(Ident table, Ident into) implements Change {
    public MergeTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(into, "into");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return StateAfter.merge(schema, table, into);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("into", Change.json(into));
        return map;
    }

    @Override
    public String describe() {
        return "merge table " + table + " into " + into;
    }
}
