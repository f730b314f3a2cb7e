package dev.migrationstrategist.db;

import java.sql.Timestamp;

/**
 * What the state table knows of one step of one plan.
 *
 * @param statementsDone statements of a non-transactional step already run (resume point)
 * @param checkpoint     the last key a backfill finished, as text; null before the first batch
 */
public record StepState(String planId, int step, String phase, String title, Status status, int statementsDone,
                        String checkpoint, long rowsDone, int attempts, Timestamp startedAt, Timestamp finishedAt,
                        String message) {

    /** The life of a step in the state table. */
    public enum Status {
        PENDING, RUNNING, DONE, FAILED, ROLLED_BACK, PASSED;

        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean finished() {
        return status == Status.DONE || status == Status.PASSED;
    }

    /** The same step from its start: a backfill run again from the first key. */
    public StepState fromTheStart() {
        return new StepState(planId, step, phase, title, status, statementsDone, null, 0, attempts, startedAt,
                finishedAt, message);
    }

    /** The step started (its statements may have run in part) and did not finish: it was killed or failed. */
    public boolean interrupted() {
        return (status == Status.RUNNING || status == Status.FAILED) && attempts > 0;
    }
}
