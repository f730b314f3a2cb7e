package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Split a table vertically: move {@code columns} of {@code table}, with their data, into the new 1:1 table
 * {@code into} (keyed by the same primary key, with a foreign key to {@code table}).
 */
public record SplitTable(Ident table, List<Ident> columns, Ident into) implements Change {
    public SplitTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(into, "into");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("split table " + table + ": no column to move");
        }
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> StateAfter.split(schema, t, columns, into)).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("columns", columns.stream().map(Ident::name).toList());
        map.put("into", Change.json(into));
        return map;
    }

    @Override
    public String describe() {
        return "split table " + table + " columns " + String.join(", ", columns.stream().map(Ident::name).toList())
                + " into " + into;
    }
}
