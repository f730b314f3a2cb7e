package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.strategy.ChangeStrategy;
import dev.migrationstrategist.strategy.RenameColumnStrategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Rename {@code table.column} to {@code newName}, without breaking the app versions that use the old name. */
public record RenameColumn(Ident table, Ident column, Ident newName) implements Change {
    public RenameColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public ChangeStrategy strategy() {
        return new RenameColumnStrategy(this);
    }

    /** State B as the executed plan leaves it: see {@link RenameColumnStrategy#stateAfter}. */
    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table)
                .filter(t -> t.hasColumn(column))
                .map(t -> schema.withTable(RenameColumnStrategy.stateAfter(t, column, newName)))
                .orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", table.name());
        map.put("column", column.name());
        map.put("new_name", newName.name());
        return map;
    }

    @Override
    public String describe() {
        return "rename column " + table + "." + column + " to " + newName;
    }
}
