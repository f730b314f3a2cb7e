package dev.migrationstrategist.dialect;

import dev.migrationstrategist.statement.OnlineDdl;

/** MariaDB: MySQL's syntax with its own instant-DDL history (10.3 instant add, 10.4 instant drop, NOCOPY). */
public final class MariaDbDialect extends MySqlDialect {

    public MariaDbDialect(Version version) {
        super(version);
    }

    /** MariaDB 10.3+: a per-statement {@code lock_wait_timeout} of 0 fails at once with error 1205 (measured). */
    @Override
    public String withoutLockWait(String sql) {
        return "SET STATEMENT lock_wait_timeout = 0 FOR " + sql;
    }

    @Override
    public String triggerDropDeadlock(String first, String second) {
        return null;
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String displayName() {
        return "MariaDB " + version().major() + "." + version().minor();
    }

    @Override
    public OnlineDdl addColumnAlgorithm() {
        return version().atLeast(10, 3) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    public OnlineDdl dropColumnAlgorithm() {
        return version().atLeast(10, 4) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    /** MariaDB accepts {@code LOCK=NONE} with every online algorithm (measured on 10.11, LOCKS.md). */
    @Override
    public String algorithmClause(OnlineDdl algorithm) {
        return switch (algorithm) {
            case INSTANT -> "ALGORITHM=INSTANT, LOCK=NONE";
            case NOCOPY -> "ALGORITHM=NOCOPY, LOCK=NONE";
            case INPLACE -> "ALGORITHM=INPLACE, LOCK=NONE";
            case INPLACE_SHARED -> "ALGORITHM=INPLACE, LOCK=SHARED";
            case COPY -> "ALGORITHM=COPY, LOCK=SHARED";
        };
    }

    /** MariaDB drops a CHECK with {@code DROP CONSTRAINT}. */
    @Override
    public String dropCheckKeyword() {
        return "DROP CONSTRAINT";
    }

    @Override
    protected String indexVisibilityVersion() {
        return "MariaDB 10.6+";
    }

    /** MariaDB 10.6+: IGNORED / NOT IGNORED. */
    @Override
    public String indexVisibilityKeyword(boolean visible) {
        return visible ? "NOT IGNORED" : "IGNORED";
    }

    @Override
    public OnlineDdl dropConstraintAlgorithm() {
        return OnlineDdl.INSTANT;
    }

    /**
     * Measured on MariaDB 10.11: INSTANT with foreign_key_checks = 0 when an index already covers the columns,
     * INPLACE (the index is built) otherwise.
     */
    @Override
    public OnlineDdl addForeignKeyAlgorithm(boolean indexed) {
        return indexed && version().atLeast(10, 11) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    protected String addCheckCopyMeasuredNote() {
        return "";
    }

    @Override
    public boolean enforcesChecks() {
        return version().atLeast(10, 2, 1);
    }

    @Override
    public String checksEnforcedFrom() {
        return "10.2.1";
    }

    @Override
    public String familyName() {
        return "MariaDB";
    }

    @Override
    public OnlineDdl renameColumnAlgorithm() {
        return version().atLeast(10, 3) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    protected boolean instantAddLastOnly() {
        return false;
    }

    @Override
    protected String versionNote() {
        return "MariaDB " + version();
    }

    @Override
    public boolean ignoresChecks() {
        return !version().atLeast(10, 2);
    }

    /** MariaDB keeps utf8mb4_general_ci as utf8mb4's default up to 11.4 (11.5 moved to the UCA 14.0.0 one). */
    @Override
    public String defaultCollation(String charset) {
        if ("utf8mb4".equals(charset)) {
            return version().atLeast(11, 5) ? "utf8mb4_uca1400_ai_ci" : "utf8mb4_general_ci";
        }
        return super.defaultCollation(charset);
    }

    /**
     * Measured on MariaDB 10.11 (docs/measurements.md, "Character sets"): MODIFY of an indexed VARCHAR and of a TEXT
     * column from utf8mb3 to utf8mb4, and CONVERT TO utf8mb4 of a table whose text columns are CHAR/VARCHAR, accept
     * ALGORITHM=INSTANT (CONVERT of a TEXT column is a copy: it becomes MEDIUMTEXT).
     */
    @Override
    public boolean utf8mb4WideningInstant() {
        return version().atLeast(10, 11);
    }
}
