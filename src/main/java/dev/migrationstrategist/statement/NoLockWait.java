package dev.migrationstrategist.statement;

import java.util.List;

/**
 * A statement that must not queue for its table's metadata lock: when another session holds a lock on the table it
 * fails at once (a lock timeout, which apply retries with backoff) instead of waiting in the lock queue. A DDL
 * statement waiting in that queue blocks every later request for the table, including the next statement of an
 * application transaction that already holds a weaker lock on it; MySQL/MariaDB then report a metadata-lock deadlock
 * and roll back the application's transaction (DML has the lower deadlock weight). Measured on MariaDB 10.11 with the
 * split-table contract: a v1.2 transaction (insert the main row, then upsert the side row) against {@code DROP TRIGGER
 * ... ON} the side table, error 1213 for the application. Renders as its statement with a zero lock wait where the
 * engine can say so (MariaDB {@code SET STATEMENT lock_wait_timeout = 0 FOR ...}), else as its statement.
 */
public record NoLockWait(Statement statement) implements Wrapping {
    public NoLockWait {
        if (statement instanceof Wrapping) {
            throw new IllegalArgumentException("a statement without lock wait wraps a plain statement");
        }
    }

    @Override
    public String kind() {
        return "no_lock_wait";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.noLockWait(this);
    }
}
