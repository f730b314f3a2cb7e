package dev.migrationstrategist.plan;

import java.util.List;

/**
 * One numbered entry of a plan's timeline. Plain data: the reports render it, {@code apply} runs it and the
 * rehearsal replays it, so what is reported is what runs. A closed family: a schema migration, a batched
 * backfill, or an application release (a gate for the team).
 */
public sealed interface Step permits SchemaStep, BackfillStep, AppReleaseStep {

    /** 1..n through the whole plan; 0 before the planner numbers it. */
    int number();

    Phase phase();

    /** The heading text, e.g. "Database Expand (Migration 1)"; null before the planner names it. */
    String title();

    /** The seed's {@code action} key (add_column, dual_write, drop_column, ...), or null. */
    String action();

    /** The table the step changes, or null for an application release. */
    String targetTable();

    /** The seed's {@code details} key (the column or object the action names), or null. */
    String details();

    /** Human bullets, in Markdown (code spans for names). */
    List<String> bullets();

    /** The "Action:" lines: what the operator must do or wait for. */
    List<String> actions();

    /** What the database looks like after this step, for the timeline table; null for app releases. */
    String stateAfter();

    Rollback rollback();

    /** The same step with its place in the timeline. */
    Step numbered(int number, String title);
}
