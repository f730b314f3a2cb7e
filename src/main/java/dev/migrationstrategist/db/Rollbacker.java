package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropFunction;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.DropPrimaryKey;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.DropView;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetLockTimeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        this.log = ApplyLog.scrubbed(log, database.secrets());
    }

    /**
     * @param appRolledBack the operator confirms the application already runs the version from before every
     *                      passed release of this plan
     */
    public List<Integer> rollback(PlanFile plan, boolean appRolledBack) {
        try (Connection lock = database.connect(); Connection work = database.connect();
             StateStore.PlanLock held = StateStore.lockPlan(lock, Database.dialectOf(work), plan.id())) {
            Dialect dialect = held.dialect();
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
            CatalogProbe probe = CatalogProbe.of(work, dialect);
            for (Step s : toUndo) {
                StepState st = recorded.get(s.number());
                if (!tookNoEffect(s, st, dialect, state, plan.id())) {
                    refuseForeign(s, plan.id(), state, probe);
                }
            }
            List<Integer> undone = new ArrayList<>();
            for (Step s : toUndo) {
                StepState st = recorded.get(s.number());
                if (tookNoEffect(s, st, dialect, state, plan.id())) {
                    log.info("step " + s.number() + " (" + s.title() + ") is " + st.status().dbName() + " and took"
                            + " no effect (nothing of it committed, nothing it created is recorded): nothing to undo");
                    state.markRolledBack(plan.id(), s.number());
                    undone.add(s.number());
                    continue;
                }
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
        } catch (StrategistException e) {
            throw new StrategistException(e.code(), database.scrub(e.getMessage()), e);
        }
    }

    /**
     * Rollback drops only what this plan created: an object its rollback would drop that exists and was created by
     * another plan, or by no plan this tool recorded (live data it did not make), stops the rollback before anything
     * is touched.
     */
    private static void refuseForeign(Step s, String planId, StateStore state, CatalogProbe probe)
            throws SQLException {
        for (Rendered r : s.rollback().statements()) {
            if (!destroys(r.statement())) {
                continue;
            }
            for (DbObject o : r.statement().drops()) {
                if (!probe.holds(new Fact.Present(o))) {
                    continue;
                }
                Optional<String> owner = state.owner(o);
                if (owner.isEmpty() || !owner.get().equals(planId)) {
                    throw new StrategistException(ErrorCode.FAILED_SAFELY, "rolling back step " + s.number() + " ("
                            + s.title() + ") would drop " + o.describe() + ", which "
                            + owner.map(p -> "plan " + p + " created").orElse("this plan did not create")
                            + "; nothing was rolled back (roll back the plan that made it, or drop it by hand if it is"
                            + " really unused)");
                }
            }
        }
    }

    /**
     * A step that did not finish took no effect when it ran as one transaction (which never committed), or when it
     * ran statement by statement and recorded creating nothing: its rollback would only drop what is not its own.
     */
    private static boolean tookNoEffect(Step s, StepState st, Dialect dialect, StateStore state, String planId)
            throws SQLException {
        if (st.finished() || !(s instanceof SchemaStep schema)) {
            return false;
        }
        if (schema.transactional() && dialect.transactionalDdl()) {
            return true;
        }
        int settings = 0;
        while (settings < schema.statements().size()
                && SchemaStepRunner.isSessionSetting(schema.statements().get(settings).statement())) {
            settings++;
        }
        return state.createdCount(planId, s.number()) == 0 && st.statementsDone() <= settings;
    }

    /** Statements that remove an object with what it holds (a rename or a setting change keeps the data). */
    private static boolean destroys(dev.migrationstrategist.statement.Statement statement) {
        dev.migrationstrategist.statement.Statement s = Execution.unguarded(statement);
        return s instanceof DropColumns || s instanceof DropTable || s instanceof DropIndex
                || s instanceof DropConstraint || s instanceof DropTrigger || s instanceof DropFunction
                || s instanceof DropView || s instanceof DropPrimaryKey;
    }

    private void undo(Step s, Connection work, Dialect dialect, StateStore state, String planId)
            throws SQLException {
        List<Rendered> sql = new ArrayList<>();
        SetLockTimeout timeout = new SetLockTimeout(options.lockTimeout() == null ? java.time.Duration.ofSeconds(2)
                : options.lockTimeout());
        sql.add(new Rendered(timeout, dialect.render(timeout)));
        sql.addAll(s.rollback().statements());
        boolean inTransaction = dialect.transactionalDdl()
                && sql.stream().allMatch(x -> x.statement().transactional());
        // Outside a transaction (MySQL/MariaDB DDL, a concurrent index drop) a rollback that died part-way (say, in its
        // swap-back window right after the RENAME) is resumed by skipping what the catalog shows as done
        CatalogProbe applied = CatalogProbe.of(work, dialect);
        String who = "rolling back step " + s.number();
        try (ReplicaThrottle replicas = new ReplicaThrottle(options.replicas(), options.maxReplicaLag(), log)) {
            undo(s, work, dialect, state, planId, sql, inTransaction, applied, who,
                    new BackfillRunner(work, dialect, state, options, log, replicas));
        }
    }

    private void undo(Step s, Connection work, Dialect dialect, StateStore state, String planId, List<Rendered> sql,
                      boolean inTransaction, CatalogProbe applied, String who, BackfillRunner batches)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            work.setAutoCommit(!inTransaction);
            try {
                for (int n = 1; n <= sql.size(); n++) {
                    Rendered x = sql.get(n - 1);
                    if (Execution.applies(applied, x, who, log) && !applied.skip(who, x, log, "rollback")) {
                        FaultPoint.rollback(s.number(), n, false);
                        Execution.execute(work, dialect, x, log, batches);
                        FaultPoint.rollback(s.number(), n, true);
                    }
                }
                state.markRolledBack(planId, s.number());
                for (Rendered x : sql) {
                    state.forget(planId, x.statement().drops());
                }
                if (inTransaction) {
                    work.commit();
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (inTransaction) {
                    work.rollback();
                } else if (SchemaStepRunner.locksTables(sql)) {
                    SchemaStepRunner.unlockTables(work);
                }
                if (!(e instanceof SQLException sqlError)) {
                    throw (RuntimeException) e;
                }
                if (SqlErrors.classify(sqlError) == SqlErrors.Kind.FATAL || attempt >= options.maxAttempts()) {
                    throw new StrategistException(ErrorCode.FAILED_SAFELY, "rolling back step " + s.number()
                            + " failed: " + Database.serverMessage(sqlError.getMessage()), sqlError);
                }
                Retry.sleep(Retry.backoff(attempt, options.baseBackoff(), options.maxBackoff()));
            } finally {
                work.setAutoCommit(true);
            }
        }
    }
}
