package dev.migrationstrategist.dialect;

import dev.migrationstrategist.statement.Statement;

import java.util.List;

/**
 * How a dialect makes a column NOT NULL without a long lock on a large table: the statements, what undoes them, the
 * lock they take and the wording of the step (bullets, what holds afterwards, what to do when a NULL is left).
 * Strategies put it into a step; they do not choose it.
 */
public record NotNullRoute(List<Statement> statements, List<Statement> rollback, String lock, List<String> bullets,
                           String stateAfter, String failureAction) {
    public NotNullRoute {
        statements = List.copyOf(statements);
        rollback = List.copyOf(rollback);
        bullets = List.copyOf(bullets);
    }
}
