package dev.migrationstrategist.plan;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/** Everything a strategy may consult: State A, the dialect at its version, and the options. */
public record PlanContext(Schema schema, Dialect dialect, PlanOptions options) {
    public PlanContext {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
    }

    public OptionalLong rows(Ident table) {
        // keyed like --rows: the name in lower case, schema-qualified outside the current schema (sales.orders)
        Long n = options.rows().get(table.toString().toLowerCase(Locale.ROOT));
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Unknown size counts as large: safe by default. */
    public boolean isLarge(Ident table) {
        OptionalLong n = rows(table);
        return n.isEmpty() || n.getAsLong() >= options.largeTableRows();
    }

    public String q(Ident ident) {
        return dialect.quote(ident);
    }

    /** The table, or a user error naming it. */
    public Table requireTable(Ident table) {
        return schema.table(table).orElseThrow(() -> StrategistException.invalid(
                "unknown table " + table + (schema.isEmpty() ? " (no schema was given: pass --schema FILE)"
                        : " (the schema has " + tableNames() + ")")));
    }

    /** The column, or a user error naming table and column. */
    public Column requireColumn(Ident table, Ident column) {
        Table t = requireTable(table);
        return t.column(column).orElseThrow(() -> StrategistException.invalid(
                "unknown column " + table + "." + column + " (table " + t.name() + " has "
                        + t.columns().stream().map(c -> c.name().name()).toList() + ")"));
    }

    private String tableNames() {
        var names = schema.tables().stream().map(t -> t.name().toString()).toList();
        return names.size() > 12 ? names.subList(0, 12) + "..." : names.toString();
    }
}
