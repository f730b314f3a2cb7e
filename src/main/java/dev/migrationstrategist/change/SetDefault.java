package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.Map;
import java.util.Objects;

/**
 * Give {@code table.column} a default for new rows.
 *
 * @param expression the default as an SQL expression that a parser produced (never free text)
 */
public record SetDefault(Ident table, Ident column, String expression) implements Change {
    public SetDefault {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.withColumnChanged(table, column, c -> c.withDefault(expression));
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = Change.columnFields(table, column);
        map.put("default", expression);
        return map;
    }

    @Override
    public String describe() {
        return "set default of " + table + "." + column + " to " + expression;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
