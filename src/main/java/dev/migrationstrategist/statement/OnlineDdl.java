package dev.migrationstrategist.statement;

/**
 * The MySQL/MariaDB {@code ALGORITHM} and {@code LOCK} clause pair that a DDL statement names, so that the server
 * refuses the statement instead of silently falling back to a table copy.
 */
public enum OnlineDdl {
    /** Metadata only. */
    INSTANT,
    /** MariaDB: in place without rebuilding the clustered index. */
    NOCOPY,
    /** In place (may rebuild), concurrent reads and writes allowed. */
    INPLACE,
    /** Only a table copy can do it; writes are blocked for its whole duration. */
    COPY
}
