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
    /**
     * In place, but {@code LOCK=SHARED}: reads go on, writes wait for the whole statement (what MySQL/MariaDB
     * accept for building a FULLTEXT or SPATIAL index: LOCK=NONE is refused with error 1846).
     */
    INPLACE_SHARED,
    /** Only a table copy can do it; writes are blocked for its whole duration. */
    COPY
}
