package dev.migrationstrategist.plan;

import dev.migrationstrategist.statement.Rendered;

import java.util.List;
import java.util.Objects;

/**
 * A database migration: DDL (and helper objects such as a sync trigger) run as one unit.
 *
 * @param statements    the statements, as data and as the SQL {@code apply} runs, in order, lock timeout included
 * @param lock          the strongest lock taken and for how long, in words
 * @param blocking      true when a statement needs a lock that queues application traffic while it waits; the
 *                      planner then puts the dialect's lock-timeout statement first
 * @param transactional false when a statement cannot run inside a transaction ({@code CONCURRENTLY})
 * @param verifySql     a query that must return 0 before the step runs (orphans, duplicates, NULLs, violating
 *                      rows), or null
 */
public record SchemaStep(int number, Phase phase, String title, String action, String targetTable, String details,
                         List<String> bullets, List<Rendered> statements, String lock, boolean blocking, boolean transactional,
                         List<String> actions, String stateAfter, Rollback rollback, String verifySql)
        implements Step {
    public SchemaStep {
        Objects.requireNonNull(phase, "phase");
        bullets = List.copyOf(bullets);
        statements = List.copyOf(statements);
        actions = List.copyOf(actions);
        Objects.requireNonNull(rollback, "rollback");
        if (phase.isAppRelease() || phase.isBackfill()) {
            throw new IllegalArgumentException("a schema step cannot be in phase " + phase.jsonName());
        }
    }

    /** A step with no verification query. */
    public SchemaStep(int number, Phase phase, String title, String action, String targetTable, String details,
                      List<String> bullets, List<Rendered> statements, String lock, boolean blocking, boolean transactional,
                      List<String> actions, String stateAfter, Rollback rollback) {
        this(number, phase, title, action, targetTable, details, bullets, statements, lock, blocking, transactional, actions,
                stateAfter, rollback, null);
    }

    /** The SQL texts, exactly as {@code apply} runs them. */
    public List<String> sql() {
        return Rendered.sql(statements);
    }

    @Override
    public SchemaStep numbered(int number, String title) {
        return new SchemaStep(number, phase, title, action, targetTable, details, bullets, statements, lock, blocking,
                transactional, actions, stateAfter, rollback, verifySql);
    }

    /** The same step in another phase (a change's step that another change's plan runs later). */
    public SchemaStep inPhase(Phase newPhase) {
        return new SchemaStep(number, newPhase, title, action, targetTable, details, bullets, statements, lock,
                blocking, transactional, actions, stateAfter, rollback, verifySql);
    }

    public SchemaStep withStatements(List<Rendered> statements) {
        return new SchemaStep(number, phase, title, action, targetTable, details, bullets, statements, lock, blocking,
                transactional, actions, stateAfter, rollback, verifySql);
    }

    /** The same step gated by a query that must return 0 before it runs. */
    public SchemaStep withVerify(String query) {
        return new SchemaStep(number, phase, title, action, targetTable, details, bullets, statements, lock, blocking,
                transactional, actions, stateAfter, rollback, query);
    }

    /** The same step gated by a query that must return 0 before it runs. */
    public SchemaStep withVerifySql(String query) {
        String q = query == null ? null : query.strip().replaceAll(";$", "");
        return new SchemaStep(number, phase, title, action, targetTable, details, bullets, statements, lock, blocking,
                transactional, actions, stateAfter, rollback, q);
    }
}
