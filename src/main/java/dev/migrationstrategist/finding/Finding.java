package dev.migrationstrategist.finding;

import java.util.Objects;

/**
 * A guardrail finding: what the naive statement would do to the live database, and what to do instead.
 *
 * @param rule            stable kebab-case rule id
 * @param table           the table concerned, or null
 * @param message         the risk: the lock taken and who waits, the rewrite, the truncation
 * @param safeAlternative the remedy, imperative, with the user's own names; never empty
 * @param location        where the statement was written ("change.sql:1:1"), or null
 */
public record Finding(String rule, Severity severity, String table, String message, String safeAlternative,
                      String location) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (safeAlternative == null || safeAlternative.isBlank()) {
            throw new IllegalArgumentException("finding " + rule + " needs a safe alternative");
        }
    }

    public Finding at(String newLocation) {
        return new Finding(rule, severity, table, message, safeAlternative, newLocation);
    }
}
