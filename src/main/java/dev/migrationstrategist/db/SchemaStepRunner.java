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
 * concurrent index build that failed and left an INVALID index is detected, dropped and rebuilt.
 */
final class SchemaStepRunner {
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[^\\s(]+)\\s+ON\\s+.*");
    private final Connection connection;
    private final Dialect dialect;
    private final StateStore state;
    private final ApplyOptions options;
    private final ApplyLog log;

    SchemaStepRunner(Connection connection, Dialect dialect, StateStore state, ApplyOptions options, ApplyLog log) {
        this.connection = connection;
        this.dialect = dialect;
        this.state = state;
        this.options = options;
        this.log = log;
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
                for (String s : sql) {
                    st.execute(s);
                }
                state.markDone(planId, step.number());
                connection.commit();
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
        if (statementsDone > 0 && step.blocking()) {
            execute(sql.get(0)); // the session's lock timeout again, for the statements still to run
        }
        for (int i = statementsDone; i < sql.size(); i++) {
            String s = sql.get(i);
            for (int attempt = 1; ; attempt++) {
                try {
                    if (concurrentIndexAlreadyBuilt(s)) {
                        log.info("  step " + step.number() + ": the index of `" + firstLine(s) + "` is already built"
                                + " and valid (an earlier run finished it); skipping");
                        break;
                    }
                    execute(s);
                    break;
                } catch (SQLException e) {
                    // A failed concurrent build leaves an INVALID index behind: never leave it there.
                    if (dropInvalidIndex(s)) {
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
            state.statementsDone(planId, step.number(), i + 1);
        }
        state.markDone(planId, step.number());
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

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
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
