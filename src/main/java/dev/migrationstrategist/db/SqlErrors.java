package dev.migrationstrategist.db;

import java.sql.SQLException;

/** Classifies JDBC errors by SQLSTATE and vendor code, in one place, so retries live in the executor only. */
public final class SqlErrors {

    /** What an error means for the executor. */
    public enum Kind {
        /** The statement gave up waiting for a lock (the lock timeout fired): retry with backoff. */
        LOCK_TIMEOUT,
        /** Chosen as a deadlock victim or a serialization failure: retry. */
        RETRYABLE,
        /** Anything else: stop. */
        FATAL
    }

    private SqlErrors() {
    }

    public static Kind classify(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                int code = s.getErrorCode();
                // PostgreSQL 55P03 lock_not_available (lock_timeout); MySQL/MariaDB 1205 lock wait timeout
                if ("55P03".equals(state) || code == 1205) {
                    return Kind.LOCK_TIMEOUT;
                }
                // 40P01 deadlock_detected, 40001 serialization_failure; MySQL 1213 deadlock
                if ("40P01".equals(state) || "40001".equals(state) || code == 1213) {
                    return Kind.RETRYABLE;
                }
            }
        }
        return Kind.FATAL;
    }

    /** The statement names a column that does not exist (MySQL/MariaDB 1054, PostgreSQL 42703). */
    public static boolean unknownColumn(SQLException e) {
        return e.getErrorCode() == 1054 || "42703".equals(e.getSQLState());
    }
}
