package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.strategy.ChangeStrategy;
import dev.migrationstrategist.strategy.SetDefaultStrategy;

import java.util.LinkedHashMap;
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
    public ChangeStrategy strategy() {
        return new SetDefaultStrategy(this);
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column)
                .map(c -> schema.withTable(t.replaceColumn(column, c.withDefault(expression))))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", table.name());
        map.put("column", column.name());
        map.put("default", expression);
        return map;
    }

    @Override
    public String describe() {
        return "set default of " + table + "." + column + " to " + expression;
    }
}
