package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Move {@code columns} of {@code table}, with their data, into the EXISTING 1:1 table {@code into} (its primary key
 * is a foreign key to {@code table}'s primary key). Like {@link SplitTable}, but the target table is already there
 * and may already have rows.
 */
public record MoveColumns(Ident table, List<Ident> columns, Ident into) implements Change {
    public MoveColumns {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(into, "into");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("move columns from " + table + ": no column to move");
        }
    }

    @Override
    public Schema applyTo(Schema schema) {
        return StateAfter.move(schema, table, columns, into);
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
        return "move columns " + String.join(", ", columns.stream().map(Ident::name).toList()) + " from " + table
                + " to " + into;
    }
}
