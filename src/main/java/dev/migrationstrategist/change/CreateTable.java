package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

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

    /** On MySQL/MariaDB a foreign key without an index gets one named after it: State B holds it. */
    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        if (!(dialect instanceof MySqlDialect)) {
            return this;
        }
        Table t = definition;
        for (Constraint c : definition.constraints()) {
            if (c instanceof Constraint.ForeignKey fk && !Names.indexedBy(t, fk.columns()) && fk.name() != null) {
                t = t.withIndex(new Index(fk.name(), t.name(), fk.columns(), false, null, null, true));
            }
        }
        return new CreateTable(t);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withTable(definition);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(definition.name()));
        map.put("columns", definition.columns().stream().map(Column::name).map(Ident::name).toList());
        return map;
    }

    @Override
    public String describe() {
        return "create table " + definition.name();
    }
}
