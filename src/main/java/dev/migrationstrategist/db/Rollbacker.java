package dev.migrationstrategist.db;

import dev.migrationstrategist.api.ErrorCode;
import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Undoes the applied steps of a plan in reverse order, using each step's rollback SQL. Refuses (exit 1, nothing
 * changed) when an applied step is irreversible, and stops at a passed application release unless the operator
 * says the application was rolled back past it.
 */
public final class Rollbacker {
    private final Database database;
    private final ApplyOptions options;
    private final ApplyLog log;

    public Rollbacker(Database database, ApplyOptions options, ApplyLog log) {
        this.database = database;
        this.options = options;
        this.log = log;
    }

    /**
     * @param appRolledBack the operator confirms the application already runs the version from before every
     *                      passed release of this plan
     */
    public List<Integer> rollback(PlanFile plan, boolean appRolledBack) {
        try (Connection lock = database.connect(); Connection work = database.connect()) {
            Dialect dialect = Database.dialectOf(work);
            StateStore.lockPlan(lock, dialect, plan.id());
            StateStore state = new StateStore(work, dialect);
            state.ensureTables();
            Map<Integer, StepState> recorded = state.steps(plan.id());
            List<Step> toUndo = new ArrayList<>();
            for (Step s : plan.steps()) {
                StepState st = recorded.get(s.number());
                if (st != null && (st.finished() || st.status() == StepState.Status.RUNNING
                        || st.status() == StepState.Status.FAILED)) {
                    toUndo.add(0, s);
                }
            }
            if (toUndo.isEmpty()) {
                log.info("plan " + plan.id() + ": nothing applied, nothing to roll back");
                return List.of();
            }
            for (Step s : toUndo) {
                if (s.rollback().irreversible() && recorded.get(s.number()).finished()) {
                    throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + s.number() + " (" + s.title()
                            + ") has run and is irreversible: " + s.rollback().note() + "; nothing was rolled back");
                }
                if (s instanceof AppReleaseStep app && !appRolledBack) {
                    throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + s.number() + " released "
                            + app.appVersion() + "; roll the application back first ("
                            + s.rollback().note() + "), then run rollback with --app-rolled-back; nothing was"
                            + " rolled back");
                }
            }
            List<Integer> undone = new ArrayList<>();
            for (Step s : toUndo) {
                if (!s.rollback().sql().isEmpty()) {
                    log.info("rolling back step " + s.number() + " (" + s.title() + "): " + s.rollback().note());
                    undo(s, work, dialect, state, plan.id());
                } else {
                    log.info("step " + s.number() + " (" + s.title() + "): " + s.rollback().note());
                    state.markRolledBack(plan.id(), s.number());
                }
                undone.add(s.number());
            }
            return undone;
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, database.scrub("rollback stopped: "
                    + Database.firstLine(e.getMessage())), e);
        }
    }

    private void undo(Step s, Connection work, Dialect dialect, StateStore state, String planId)
            throws SQLException {
        List<String> sql = new ArrayList<>();
        sql.add(dialect.lockTimeoutStatement(options.lockTimeout() == null ? java.time.Duration.ofSeconds(2)
                : options.lockTimeout()));
        sql.addAll(s.rollback().sql());
        boolean concurrently = sql.stream().anyMatch(x -> x.toUpperCase(java.util.Locale.ROOT).contains("CONCURRENTLY"));
        boolean inTransaction = dialect instanceof PostgresDialect && !concurrently;
        // MySQL/MariaDB DDL is not transactional: a rollback that died part-way (say, in its swap-back window right
        // after the RENAME) is resumed by skipping what the catalog shows as done
        AppliedCheck applied = new AppliedCheck(work, dialect);
        String who = "rolling back step " + s.number();
        for (int attempt = 1; ; attempt++) {
            work.setAutoCommit(!inTransaction);
            try (Statement st = work.createStatement()) {
                for (int n = 1; n <= sql.size(); n++) {
                    String x = sql.get(n - 1);
                    if (!applied.skip(who, x, log, "rollback")) {
                        FaultPoint.rollback(s.number(), n, false);
                        st.execute(x);
                        FaultPoint.rollback(s.number(), n, true);
                    }
                }
                state.markRolledBack(planId, s.number());
                if (inTransaction) {
                    work.commit();
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (inTransaction) {
                    work.rollback();
                } else if (sql.stream().anyMatch(SchemaStepRunner::locksTables)) {
                    SchemaStepRunner.unlockTables(work);
                }
                if (!(e instanceof SQLException sqlError)) {
                    throw (RuntimeException) e;
                }
                if (SqlErrors.classify(sqlError) == SqlErrors.Kind.FATAL || attempt >= options.maxAttempts()) {
                    throw new StrategistException(ErrorCode.FAILED_SAFELY, "rolling back step " + s.number()
                            + " failed: " + Database.firstLine(sqlError.getMessage()), sqlError);
                }
                Retry.sleep(Retry.backoff(attempt, options.baseBackoff(), options.maxBackoff()));
            } finally {
                work.setAutoCommit(true);
            }
        }
    }
}
