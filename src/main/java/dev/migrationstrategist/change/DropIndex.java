package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drop index {@code name}. PostgreSQL's {@code DROP INDEX name} does not say the table: {@code table} is null
 * until {@link #resolve(Schema, Dialect)} finds the index in State A.
 *
 * @param concurrently whether the user already wrote {@code CONCURRENTLY}
 */
public record DropIndex(Ident table, Ident name, boolean concurrently) implements Change {
    public DropIndex {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public Ident table() {
        return table == null ? name : table;
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        List<Table> owners = schema.tables().stream()
                .filter(t -> table == null || t.name().sameAs(table))
                .filter(t -> t.indexes().stream().anyMatch(i -> i.name().sameAs(name))).toList();
        if (owners.isEmpty()) {
            throw StrategistException.invalid("drop index " + name + ": unknown index"
                    + (table == null ? "" : " on table " + table) + (schema.isEmpty()
                    ? " (no schema was given: pass --schema FILE)" : ""));
        }
        if (owners.size() > 1) {
            throw StrategistException.invalid("drop index " + name + ": tables " + owners.stream()
                    .map(t -> t.name().name()).toList() + " each have an index of that name; say which with ON TABLE");
        }
        return new DropIndex(owners.get(0).name(), name, concurrently);
    }

    /** The index as State A holds it (after {@link #resolve}). */
    public Index index(Schema schema) {
        return schema.table(table()).flatMap(t -> t.indexes().stream().filter(i -> i.name().sameAs(name)).findFirst())
                .orElseThrow(() -> StrategistException.invalid("drop index " + name + ": unknown index"));
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table()).map(t -> schema.withTable(t.withoutIndex(name))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (table != null) {
            map.put("table", Change.json(table));
        }
        map.put("name", name.name());
        return map;
    }

    @Override
    public String describe() {
        return "drop index " + name + (table == null ? "" : " on " + table);
    }
}
