package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Rename {@code table} to {@code newName} without breaking the app versions that use the old name. */
public record RenameTable(Ident table, Ident newName) implements Change {
    public RenameTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> {
            Schema renamed = schema.replaceTable(t.name(), t.withName(newName));
            // Foreign keys follow the table they reference, on every dialect.
            for (Table other : renamed.tables()) {
                renamed = renamed.withTable(new Table(other.name(), other.columns(), other.constraints().stream()
                        .map(c -> c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(table)
                                ? new Constraint.ForeignKey(fk.name(), fk.columns(), newName, fk.referencedColumns(),
                                fk.onDelete(), fk.onUpdate(), fk.valid()) : c).toList(), other.indexes()));
            }
            return renamed;
        }).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("new_name", Change.json(newName));
        return map;
    }

    @Override
    public String describe() {
        return "rename table " + table + " to " + newName;
    }
}
