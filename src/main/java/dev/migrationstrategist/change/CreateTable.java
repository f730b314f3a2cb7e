package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.strategy.ChangeStrategy;
import dev.migrationstrategist.strategy.CreateTableStrategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Create a new table, as parsed from its {@code CREATE TABLE} statement. */
public record CreateTable(Table definition) implements Change {
    public CreateTable {
        Objects.requireNonNull(definition, "definition");
        if (definition.columns().isEmpty()) {
            throw new IllegalArgumentException("table " + definition.name() + " has no columns");
        }
    }

    @Override
    public Ident table() {
        return definition.name();
    }

    @Override
    public ChangeStrategy strategy() {
        return new CreateTableStrategy(this);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withTable(definition);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", definition.name().name());
        map.put("columns", definition.columns().stream().map(Column::name).map(Ident::name).toList());
        return map;
    }

    @Override
    public String describe() {
        return "create table " + definition.name();
    }
}
