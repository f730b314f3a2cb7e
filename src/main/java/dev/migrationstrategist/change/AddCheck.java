package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.Names;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Add {@code CHECK (expression)} to {@code table}. The expression is the parser's rendering of what the user
 * wrote (never free text); {@code name} is null until {@link #resolve(Schema, Dialect)} gives the server's default name.
 */
public record AddCheck(Ident table, Ident name, String expression, boolean writtenNotValid) implements Change {
    public AddCheck {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(expression, "expression");
    }

    public AddCheck(Ident table, Ident name, String expression) {
        this(table, name, expression, false);
    }

    /** The same check, as written with the PostgreSQL safe form {@code NOT VALID}. */
    public AddCheck asWrittenNotValid() {
        return new AddCheck(table, name, expression, true);
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        if (name != null) {
            return this;
        }
        var columns = schema.table(table).map(t -> Names.columnsIn(expression, t)).orElse(java.util.List.of());
        return new AddCheck(table, Names.constraint(table, columns.isEmpty() ? Ident.of("expr") : columns.get(0),
                "check"), expression, writtenNotValid);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).map(t -> schema.withTable(t.withConstraint(constraint(t)))).orElse(schema);
    }

    /** The constraint as State B holds it: validated. */
    public Constraint.Check constraint(Table t) {
        return new Constraint.Check(name, expression, Names.columnsIn(expression, t), true);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        if (name != null) {
            map.put("name", name.name());
        }
        map.put("expression", expression);
        return map;
    }

    @Override
    public String describe() {
        return "add check " + (name == null ? "" : name + " ") + "on " + table + " (" + expression + ")";
    }
}
