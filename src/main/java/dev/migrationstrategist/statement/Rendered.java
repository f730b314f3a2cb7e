package dev.migrationstrategist.statement;

import java.util.List;
import java.util.Objects;

/**
 * A statement with the SQL text its dialect renders for it: the plan holds both, so the reports print exactly what
 * {@code apply} runs and {@code apply} reads the statement as data.
 */
public record Rendered(Statement statement, String sql) {
    public Rendered {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(sql, "sql");
    }

    /** The SQL texts, in order. */
    public static List<String> sql(List<Rendered> statements) {
        return statements.stream().map(Rendered::sql).toList();
    }
}
