package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.statement.CreateIndex;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Guarded;
import dev.migrationstrategist.statement.LockTables;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetForeignKeyChecks;
import dev.migrationstrategist.statement.SetLockTimeout;
import dev.migrationstrategist.statement.UnlockTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a schema step's statements. A transactional step (PostgreSQL) runs as one transaction together with its
 * "done" record, retried whole when its lock timeout fires. A non-transactional step (CONCURRENTLY, MySQL DDL)
 * runs statement by statement with its progress recorded after each, so a rerun resumes where it stopped; a
 * concurrent index build that failed and left an INVALID index is detected, dropped and rebuilt. Each statement whose
 * effect the catalog already shows (taken by a run that died before recording it, by a statement the server finished
 * after the client was gone, or by a LOCK TABLES window that failed part-way) is skipped, and a state that is neither
 * before nor after it stops the run: see {@link CatalogProbe}.
 */
final class SchemaStepRunner {
    private final Connection connection;
    private final Dialect dialect;
    private final StateStore state;
    private final ApplyOptions options;
    private final ApplyLog log;
    private final CatalogProbe probe;
    private final BackfillRunner batches;

    SchemaStepRunner(Connection connection, Dialect dialect, StateStore state, ApplyOptions options, ApplyLog log,
                     ReplicaThrottle replicas) {
        this.connection = connection;
        this.dialect = dialect;
        this.state = state;
        this.options = options;
        this.log = log;
        this.probe = CatalogProbe.of(connection, dialect);
        this.batches = new BackfillRunner(connection, dialect, state, options, log, replicas);
    }

    /** The statements as they will run: the plan's, with the lock timeout replaced if the operator gave one. */
    static List<Rendered> statements(SchemaStep step, Dialect dialect, ApplyOptions options) {
        List<Rendered> out = new ArrayList<>();
        for (Rendered r : step.statements()) {
            if (r.statement() instanceof SetLockTimeout && options.lockTimeout() != null) {
                SetLockTimeout set = new SetLockTimeout(options.lockTimeout());
                out.add(new Rendered(set, dialect.render(set)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    void run(String planId, SchemaStep step, int statementsDone) throws SQLException {
        List<Rendered> sql = statements(step, dialect, options);
        if (step.transactional() && dialect.transactionalDdl()) {
            runInTransaction(planId, step, sql);
        } else {
            runOneByOne(planId, step, sql, statementsDone);
        }
    }

    /**
     * One transaction with the step's "done" record, retried whole. Each statement goes through {@link Execution}
     * like the statements of any other step (a guarded one runs only where its facts hold; a re-sync runs as batches
     * inside this transaction), but without the catalog probe's "already done": a step that is one transaction has
     * either committed (and is recorded done with it) or changed nothing, so nothing of it can be found done.
     */
    private void runInTransaction(String planId, SchemaStep step, List<Rendered> sql) throws SQLException {
        String who = "step " + step.number() + " (" + step.title() + ")";
        for (int attempt = 1; ; attempt++) {
            connection.setAutoCommit(false);
            try {
                for (int n = 1; n <= sql.size(); n++) {
                    Rendered s = sql.get(n - 1);
                    if (!Execution.applies(probe, s, who, log)) {
                        continue;
                    }
                    FaultPoint.statement(step.number(), n, false);
                    execute(s);
                    FaultPoint.statement(step.number(), n, true);
                }
                for (Rendered s : sql) {
                    state.recordCreated(planId, step.number(), s.statement().creates());
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

    private void runOneByOne(String planId, SchemaStep step, List<Rendered> sql, int statementsDone)
            throws SQLException {
        for (int i = 0; i < statementsDone && i < sql.size(); i++) {
            if (isSessionSetting(sql.get(i).statement())) {
                execute(sql.get(i)); // the session settings again (lock timeout, foreign_key_checks) for the rest
            } else if (sql.get(i).statement() instanceof Guarded) {
                // a repair guarded by the catalog's state: a kill after it may have opened the gap it repairs
                runUnit(planId, step, sql, i, i + 1);
            }
        }
        int i = statementsDone;
        while (i < sql.size()) {
            int end = unitEnd(sql, i);
            for (int attempt = 1; ; attempt++) {
                try {
                    runUnit(planId, step, sql, i, end);
                    break;
                } catch (SQLException e) {
                    // A failed concurrent build leaves an INVALID index behind: never leave it there.
                    if (dropInvalidIndex(sql.get(i).statement())) {
                        log.info("  step " + step.number() + ": the concurrent index build failed and left an INVALID"
                                + " index; dropped it (" + Database.firstLine(e.getMessage()) + ")");
                        if (SqlErrors.classify(e) == SqlErrors.Kind.FATAL && !"57014".equals(e.getSQLState())) {
                            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " ("
                                    + step.title() + ") failed: " + Database.serverMessage(e.getMessage())
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

    static boolean isSessionSetting(dev.migrationstrategist.statement.Statement s) {
        return s instanceof SetLockTimeout || s instanceof SetForeignKeyChecks;
    }

    /**
     * Where the unit starting at {@code from} ends (exclusive): one statement, or a whole {@code LOCK TABLES} ...
     * {@code UNLOCK TABLES} window, which runs and is recorded as one (while the session holds table locks MySQL
     * and MariaDB refuse to touch any other table, the state table included).
     */
    private static int unitEnd(List<Rendered> sql, int from) {
        if (!(sql.get(from).statement() instanceof LockTables)) {
            return from + 1;
        }
        for (int j = from + 1; j < sql.size(); j++) {
            if (sql.get(j).statement() instanceof UnlockTables) {
                return j + 1;
            }
        }
        return sql.size();
    }

    /**
     * Runs statements [from, to); each is first checked against the catalog (done: skipped; neither: the run stops).
     * When a LOCK TABLES window fails part-way, its locks are released first.
     */
    private void runUnit(String planId, SchemaStep step, List<Rendered> sql, int from, int to) throws SQLException {
        boolean window = to - from > 1;
        String who = "step " + step.number() + " (" + step.title() + ")";
        List<DbObject> created = new ArrayList<>();
        List<DbObject> found = new ArrayList<>();
        try {
            for (int j = from; j < to; j++) {
                Rendered s = sql.get(j);
                if (!window) {
                    refuseForeign(planId, who, s); // inside a LOCK TABLES window the state table cannot be read
                }
                if (dropInvalidIndex(s.statement())) {
                    log.info("  dropped an INVALID index left by an earlier concurrent build; rebuilding it");
                }
                if (notApplicable(who, s)) {
                    continue;
                }
                if (probe.skip(who, s, log, "apply")) {
                    found.addAll(s.statement().creates());
                } else {
                    if (s.statement() instanceof Guarded && !(Execution.unguarded(s.statement())
                            instanceof dev.migrationstrategist.statement.ResyncColumn)) {
                        log.info("  " + who + ": repairing what an interrupted run left: `"
                                + CatalogProbe.firstLine(s.sql()) + "`");
                    }
                    FaultPoint.statement(step.number(), j + 1, false);
                    execute(s);
                    FaultPoint.statement(step.number(), j + 1, true);
                    created.addAll(s.statement().creates());
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (window) {
                unlockTables(connection);
            }
            throw e;
        }
        if (window) {
            for (int j = from; j < to; j++) {
                refuseForeign(planId, who, sql.get(j));
            }
        }
        // what the catalog already showed was made by this plan's own earlier run (it died before recording it)
        state.recordCreated(planId, step.number(), found);
        state.recordCreated(planId, step.number(), created);
    }

    /**
     * A statement whose objects another plan created (the same change planned twice, so two plan ids) is not this
     * plan's to skip as done: adopting them would let this plan's rollback drop the other plan's live data.
     */
    private void refuseForeign(String planId, String who, Rendered s) throws SQLException {
        for (DbObject o : s.statement().creates()) {
            Optional<String> owner = state.owner(o);
            if (owner.isPresent() && !owner.get().equals(planId) && probe.holds(new Fact.Present(o))) {
                throw new StrategistException(ErrorCode.FAILED_SAFELY, who + ": " + o.describe() + " was created by"
                        + " plan " + owner.get() + ", not by this plan (" + planId + "); finish or roll back that plan"
                        + " instead (strategist status shows it); nothing of this step was run");
            }
        }
    }

    /** True when the statements open a {@code LOCK TABLES} window. */
    static boolean locksTables(List<Rendered> statements) {
        return statements.stream().anyMatch(r -> r.statement() instanceof LockTables);
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
            String why = kind == SqlErrors.Kind.FATAL ? Database.serverMessage(e.getMessage())
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

    private boolean notApplicable(String who, Rendered s) throws SQLException {
        return !Execution.applies(probe, s, who, log);
    }

    private void execute(Rendered statement) throws SQLException {
        Execution.execute(connection, dialect, statement, log, batches);
    }

    /**
     * Before (and after a failed) concurrent build: an INVALID leftover of an earlier failed or killed build is
     * dropped, so the build runs again; true when it dropped one.
     */
    private boolean dropInvalidIndex(dev.migrationstrategist.statement.Statement statement) throws SQLException {
        if (!(statement instanceof CreateIndex create) || !create.concurrently()) {
            return false;
        }
        Fact valid = new Fact.Validated(new DbObject.Index(create.index().table(), create.index().name()));
        Fact present = new Fact.Present(new DbObject.Index(create.index().table(), create.index().name()));
        if (!probe.holds(present) || probe.holds(valid)) {
            return false;
        }
        DropIndex drop = new DropIndex(create.index().table(), create.index().name(), true, true, null);
        try (Statement st = connection.createStatement()) {
            st.execute(dialect.render(drop));
        }
        return true;
    }
}
