package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rename {@code table.column} to {@code newName}, without breaking the app versions that use the old name; with a
 * {@code newType}, the new column also gets that type (one expand/contract that converts every value).
 *
 * @param newType the new column's type, or null to keep the old column's type
 */
public record RenameColumn(Ident table, Ident column, Ident newName, DataType newType) implements Change {
    public RenameColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(newName, "newName");
    }

    /** A plain rename: the new column keeps the old one's type. */
    public RenameColumn(Ident table, Ident column, Ident newName) {
        this(table, column, newName, null);
    }

    /** The target type, when the rename also changes it. */
    public Optional<DataType> type() {
        return Optional.ofNullable(newType);
    }

    /** State B as the executed plan leaves it: see {@link StateAfter#renameColumn}. */
    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table)
                .filter(t -> t.hasColumn(column))
                .map(t -> schema.withTable(StateAfter.renameColumn(t, column, newName, newType)))
                .orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("column", column.name());
        map.put("new_name", newName.name());
        if (newType != null) {
            map.put("type", newType.sql());
        }
        return map;
    }

    @Override
    public String describe() {
        return "rename column " + table + "." + column + " to " + newName + (newType == null ? "" : " type " + newType);
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
