package dev.migrationstrategist.db;

import dev.migrationstrategist.api.ErrorCode;
import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.SchemaStep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a schema step's statements. A transactional step (PostgreSQL) runs as one transaction together with its
 * "done" record, retried whole when its lock timeout fires. A non-transactional step (CONCURRENTLY, MySQL DDL)
 * runs statement by statement with its progress recorded after each, so a rerun resumes where it stopped; a
 * concurrent index build that failed and left an INVALID index is detected, dropped and rebuilt. On MySQL/MariaDB
 * each statement whose effect the catalog already shows (a rename, a default, a trigger created or dropped by a run
 * that died before recording it, or by a LOCK TABLES window that failed part-way) is skipped: see
 * {@link AppliedCheck}.
 */
final class SchemaStepRunner {
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[^\\s(]+)\\s+ON\\s+.*");
    private static final Pattern SESSION_SET = Pattern.compile(
            "(?i)^\\s*SET\\s+(?:SESSION\\s+)?(?!GLOBAL\\b)[a-z_.@]+\\s*(?:=|TO\\b)");
    private static final Pattern LOCK_TABLES = Pattern.compile("(?i)^\\s*LOCK\\s+TABLES?\\b");
    private static final Pattern UNLOCK_TABLES = Pattern.compile("(?i)^\\s*UNLOCK\\s+TABLES?\\b");
    private final Connection connection;
    private final Dialect dialect;
    private final StateStore state;
    private final ApplyOptions options;
    private final ApplyLog log;
    private final AppliedCheck applied;

    SchemaStepRunner(Connection connection, Dialect dialect, StateStore state, ApplyOptions options, ApplyLog log) {
        this.connection = connection;
        this.dialect = dialect;
        this.state = state;
        this.options = options;
        this.log = log;
        this.applied = new AppliedCheck(connection, dialect);
    }

    /** The statements as they will run: the plan's, with the lock timeout overridden if the operator asked. */
    static List<String> statements(SchemaStep step, Dialect dialect, ApplyOptions options) {
        List<String> sql = new ArrayList<>(step.sql());
        if (step.blocking() && options.lockTimeout() != null && !sql.isEmpty()) {
            sql.set(0, dialect.lockTimeoutStatement(options.lockTimeout()));
        }
        return sql;
    }

    void run(String planId, SchemaStep step, int statementsDone) throws SQLException {
        List<String> sql = statements(step, dialect, options);
        if (step.transactional() && dialect instanceof PostgresDialect) {
            runInTransaction(planId, step, sql);
        } else {
            runOneByOne(planId, step, sql, statementsDone);
        }
    }

    private void runInTransaction(String planId, SchemaStep step, List<String> sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (int n = 1; n <= sql.size(); n++) {
                    FaultPoint.statement(step.number(), n, false);
                    st.execute(sql.get(n - 1));
                    FaultPoint.statement(step.number(), n, true);
                }
                state.markDone(planId, step.number());
                FaultPoint.commit(step.number(), false);
                connection.commit();
                FaultPoint.commit(step.number(), true);
                return;
            } catch (SQLException e) {
                connection.rollback();
                retryOrThrow(step, attempt, e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void runOneByOne(String planId, SchemaStep step, List<String> sql, int statementsDone)
            throws SQLException {
        for (int i = 0; i < statementsDone && i < sql.size(); i++) {
            if (SESSION_SET.matcher(sql.get(i)).find()) {
                execute(sql.get(i)); // the session settings again (lock timeout, foreign_key_checks) for the rest
            }
        }
        int i = statementsDone;
        while (i < sql.size()) {
            int end = unitEnd(sql, i);
            for (int attempt = 1; ; attempt++) {
                try {
                    runUnit(step, sql, i, end);
                    break;
                } catch (SQLException e) {
                    // A failed concurrent build leaves an INVALID index behind: never leave it there.
                    if (dropInvalidIndex(sql.get(i))) {
                        log.info("  step " + step.number() + ": the concurrent index build failed and left an INVALID"
                                + " index; dropped it (" + Database.firstLine(e.getMessage()) + ")");
                        if (SqlErrors.classify(e) == SqlErrors.Kind.FATAL && !"57014".equals(e.getSQLState())) {
                            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " ("
                                    + step.title() + ") failed: " + Database.firstLine(e.getMessage())
                                    + "; the INVALID index it left was dropped: fix the data, then run apply again", e);
                        }
                    }
                    retryOrThrow(step, attempt, e);
                }
            }
            i = end;
            state.statementsDone(planId, step.number(), i);
        }
        state.markDone(planId, step.number());
    }

    /**
     * Where the unit starting at {@code from} ends (exclusive): one statement, or a whole {@code LOCK TABLES} ...
     * {@code UNLOCK TABLES} window, which runs and is recorded as one (while the session holds table locks MySQL
     * and MariaDB refuse to touch any other table, the state table included).
     */
    private static int unitEnd(List<String> sql, int from) {
        if (!locksTables(sql.get(from))) {
            return from + 1;
        }
        for (int j = from + 1; j < sql.size(); j++) {
            if (UNLOCK_TABLES.matcher(sql.get(j)).find()) {
                return j + 1;
            }
        }
        return sql.size();
    }

    /** Runs statements [from, to); when a LOCK TABLES window fails part-way, its locks are released first. */
    private void runUnit(SchemaStep step, List<String> sql, int from, int to) throws SQLException {
        boolean window = to - from > 1;
        try {
            for (int j = from; j < to; j++) {
                String s = sql.get(j);
                if (concurrentIndexAlreadyBuilt(s)) {
                    log.info("  step " + step.number() + ": the index of `" + AppliedCheck.firstLine(s)
                            + "` is already built and valid (an earlier run finished it); skipping");
                    continue;
                }
                if (!applied.skip("step " + step.number() + " (" + step.title() + ")", s, log, "apply")) {
                    FaultPoint.statement(step.number(), j + 1, false);
                    execute(s);
                    FaultPoint.statement(step.number(), j + 1, true);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (window) {
                unlockTables(connection);
            }
            throw e;
        }
    }

    /** True when the statement opens a {@code LOCK TABLES} window. */
    static boolean locksTables(String sql) {
        return LOCK_TABLES.matcher(sql).find();
    }

    /** A failed LOCK TABLES window must not keep the table locked (nor block the state table's update). */
    static void unlockTables(Connection connection) {
        try (Statement st = connection.createStatement()) {
            st.execute("UNLOCK TABLES");
        } catch (SQLException ignored) {
            // the connection is gone: its locks went with it
        }
    }

    private void retryOrThrow(SchemaStep step, int attempt, SQLException e) {
        SqlErrors.Kind kind = SqlErrors.classify(e);
        if (kind == SqlErrors.Kind.FATAL || attempt >= options.maxAttempts()) {
            String why = kind == SqlErrors.Kind.FATAL ? Database.firstLine(e.getMessage())
                    : "still waiting for a lock after " + attempt + " attempts (" + Database.firstLine(e.getMessage())
                    + ")";
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " (" + step.title()
                    + ") failed: " + why, e);
        }
        Duration wait = Retry.backoff(attempt, options.baseBackoff(), options.maxBackoff());
        log.info("  step " + step.number() + ": " + (kind == SqlErrors.Kind.LOCK_TIMEOUT ? "lock timeout"
                : "deadlock/serialization failure") + " (attempt " + attempt + "/" + options.maxAttempts()
                + "); retrying in " + wait.toMillis() + " ms");
        Retry.sleep(wait);
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Before a CONCURRENTLY build: an INVALID leftover of an earlier failed or killed build is dropped; a valid
     * index of that name (built by a run that died before recording it) means the statement is done.
     */
    private boolean concurrentIndexAlreadyBuilt(String sql) throws SQLException {
        if (dropInvalidIndex(sql)) {
            log.info("  dropped an INVALID index left by an earlier concurrent build; rebuilding it");
            return false;
        }
        String name = concurrentIndexName(sql);
        if (name == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT i.indisvalid FROM pg_index i"
                + " WHERE i.indexrelid = to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private String concurrentIndexName(String sql) {
        if (!(dialect instanceof PostgresDialect)) {
            return null;
        }
        Matcher m = CONCURRENT_INDEX.matcher(sql);
        return m.matches() ? m.group(1) : null;
    }


    /** Drops the statement's index if it exists and is INVALID; true when it did. */
    private boolean dropInvalidIndex(String sql) throws SQLException {
        String name = concurrentIndexName(sql);
        if (name == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT NOT i.indisvalid FROM pg_index i"
                + " WHERE i.indexrelid = to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
        return true;
    }
}
