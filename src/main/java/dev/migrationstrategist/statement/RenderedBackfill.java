package dev.migrationstrategist.statement;

import java.util.Objects;

/**
 * A backfill statement with the SQL its dialect renders for it with the named placeholders
 * ({@link KeyParameters#NAMED}): what the reports print and the plan file carries beside the statement.
 */
public record RenderedBackfill<S extends BackfillStatement>(S statement, String sql) {
    public RenderedBackfill {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(sql, "sql");
    }
}
