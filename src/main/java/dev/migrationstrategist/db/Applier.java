package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.secrets.Secrets;
import dev.migrationstrategist.statement.SetForeignKeyChecks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's database steps in order against a live database: resumable (state table), one apply per plan at a
 * time (advisory lock), gates at application releases, verification before anything destructive. Before the first
 * step the plan proves itself ({@link PlanProof}): its steps follow from its changes, options and state_a, and the
 * database holds that State A.
 */
public final class Applier {
    private final Database database;
    private final ApplyOptions options;
    private final ApplyLog log;
    /** The passwords of the database and of every replica: kept out of the log, errors and the state table. */
    private final Secrets secrets;

    public Applier(Database database, ApplyOptions options, ApplyLog log) {
        this.database = database;
        this.options = options;
        this.secrets = options.replicas().stream().map(Database::secrets).reduce(database.secrets(), Secrets::and);
        this.log = ApplyLog.scrubbed(log, secrets);
    }

    public ApplyResult apply(PlanFile plan, String source) {
        String acceptedEdit = PlanProof.checkFile(plan, options.acceptEdited(), log);
        try (Connection lock = database.connect(); Connection work = database.connect()) {
            Dialect dialect = Database.dialectOf(work);
            checkDialect(plan, dialect);
            if (options.dryRun()) {
                checkStateA(plan, work, dialect);
                return dryRun(plan, dialect, work);
            }
            try (ReplicaThrottle replicas = new ReplicaThrottle(options.replicas(), options.maxReplicaLag(), log)) {
                replicas.check(); // before anything is touched: a --replica that is none is refused
                try (StateStore.PlanLock held = StateStore.lockPlan(lock, dialect, plan.id())) {
                    checkStateA(plan, work, dialect); // under the lock: no other apply of this plan is changing it
                    StateStore state = new StateStore(work, dialect);
                    state.ensureTables();
                    state.register(plan, source);
                    if (acceptedEdit != null) {
                        state.acceptedEdit(plan.id(), acceptedEdit);
                    }
                    return run(plan, dialect, work, state, replicas);
                }
            }
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, secrets.scrub("apply stopped: "
                    + Database.firstLine(e.getMessage())), e);
        }
    }

    private ApplyResult run(PlanFile plan, Dialect dialect, Connection work, StateStore state,
                            ReplicaThrottle replicas) throws SQLException {
        Map<Integer, StepState> recorded = state.steps(plan.id());
        List<Integer> ran = new ArrayList<>();
        boolean contractStarted = plan.steps().stream().anyMatch(s -> s.phase() == Phase.CONTRACT
                && recorded.containsKey(s.number()) && recorded.get(s.number()).finished());
        boolean contractInterrupted = plan.steps().stream().anyMatch(s -> s.phase() == Phase.CONTRACT
                && recorded.containsKey(s.number()) && recorded.get(s.number()).interrupted());
        log.info("plan " + plan.id() + " on " + dialect.displayName() + " (" + database.maskedUrl() + "): "
                + plan.steps().size() + " steps");
        for (Step step : plan.steps()) {
            StepState st = recorded.get(step.number());
            if (st != null && st.finished()) {
                continue;
            }
            String stop = stopReason(plan, step, work, dialect, contractStarted, contractInterrupted, state, replicas);
            if (stop != null) {
                log.info("stopped before step " + step.number() + " (" + step.title() + ")");
                return new ApplyResult(plan.id(), ran, step.number(), stop);
            }
            if (step instanceof AppReleaseStep) {
                state.markPassed(plan.id(), step.number());
                log.info("step " + step.number() + " (" + step.title() + "): passed (--through "
                        + options.through().jsonName() + " says it is deployed)");
                ran.add(step.number());
                continue;
            }
            if (step instanceof SchemaStep schema) {
                checkNewDependants(plan, schema, st, work, dialect, state);
            }
            log.info("step " + step.number() + " (" + step.title() + ") ...");
            long t0 = System.nanoTime();
            if (step instanceof SchemaStep schema && schema.verifySql() != null
                    && (st == null || st.statementsDone() == 0)) {
                // the gate runs before the step counts as started: a failed gate is no attempt, so the rerun
                // makes every check before the step again (the backfills' before a contract step included)
                try {
                    verifyBeforeStep(schema, work);
                } catch (StrategistException e) {
                    throw failed(state, plan.id(), step.number(), e);
                }
            }
            state.markRunning(plan.id(), step.number());
            try {
                if (step instanceof SchemaStep schema) {
                    new SchemaStepRunner(work, dialect, state, options, log, replicas)
                            .run(plan.id(), schema, st == null ? 0 : st.statementsDone());
                    if (schema.verifySql() != null && skipsServerCheck(schema)) {
                        verifyAfterStep(schema, work);
                    }
                } else if (step instanceof BackfillStep backfill) {
                    StepState current = state.step(plan.id(), step.number()).orElseThrow();
                    new BackfillRunner(work, dialect, state, options, log, replicas, database).run(plan.id(),
                            backfill, current);
                    converge(plan, backfill, work, dialect, state, replicas);
                    state.markDone(plan.id(), step.number());
                }
            } catch (StrategistException e) {
                throw failed(state, plan.id(), step.number(), e);
            }
            contractStarted |= step.phase() == Phase.CONTRACT;
            log.info("step " + step.number() + ": done in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            ran.add(step.number());
        }
        log.info("plan " + plan.id() + " is complete");
        return new ApplyResult(plan.id(), ran, 0, null);
    }

    /**
     * Stops before a step that drops, renames or retypes what a view, routine or trigger created after planning uses
     * ({@link NewDependants}). The step is recorded failed with the reason but not as started (no attempt counted):
     * a rerun once the objects are fixed checks again and runs it, with every check before it.
     */
    private void checkNewDependants(PlanFile plan, SchemaStep step, StepState st, Connection work, Dialect dialect,
                                    StateStore state) throws SQLException {
        try {
            NewDependants.check(step, st == null ? 0 : st.statementsDone(), planned(plan), work, dialect);
        } catch (StrategistException e) {
            log.info("stopped before step " + step.number() + " (" + step.title() + "): new dependants");
            throw failed(state, plan.id(), step.number(), e);
        }
    }

    /** Records the step failed with {@code e}'s message (passwords scrubbed) and returns what to throw. */
    private StrategistException failed(StateStore state, String planId, int step, StrategistException e)
            throws SQLException {
        state.markFailed(planId, step, secrets.scrub(e.getMessage()));
        return new StrategistException(e.code(), secrets.scrub(e.getMessage()), e);
    }

    /** The views, routines and triggers the plan saw (state_a), or null for a plan without state_a. */
    private static dev.migrationstrategist.schema.Dependants planned(PlanFile plan) {
        return plan.evidence() == null ? null : plan.evidence().stateA().dependants();
    }

    /**
     * Why the run must stop before this step, or null to go on. The backfills are verified before the first
     * contract step only: once it ran (a swap renames the columns those queries name) they no longer apply.
     */
    private String stopReason(PlanFile plan, Step step, Connection work, Dialect dialect, boolean contractStarted,
                              boolean contractInterrupted, StateStore state, ReplicaThrottle replicas)
            throws SQLException {
        Phase through = options.through();
        if (through != null && step.phase().ordinal() > through.ordinal()) {
            return "--through " + through.jsonName() + " ends here (next: " + step.phase().jsonName() + ")";
        }
        if (step instanceof AppReleaseStep app && (through == null || through.ordinal() <= app.phase().ordinal())) {
            // the phase of the plan's next step (a plan without a third release goes from v1.2 to the contract)
            Phase next = plan.steps().stream().filter(x -> x.number() > app.number()).map(Step::phase).findFirst()
                    .orElse(Phase.values()[app.phase().ordinal() + 1]);
            return "deploy " + app.appVersion() + " (" + String.join(" ", app.bullets()) + ") to every instance,"
                    + " then run apply again with --through " + next.jsonName() + " (or a later phase)";
        }
        if (step.phase() == Phase.CONTRACT) {
            if (!options.confirmContract()) {
                return "the contract is destructive: once the previous app version is fully retired, run apply"
                        + " again with --confirm-contract";
            }
            verifyBeforeContract(plan, step, work, dialect, contractStarted, contractInterrupted, state, replicas);
        }
        return null;
    }

    /**
     * Rows that differ once the backfill has gone over the table (written behind the batches without the sync
     * trigger: a rerun that resumed at the last checkpoint, a trigger disabled by hand, an app version that skipped
     * its dual write) get one more pass from the first key: the backfill is idempotent and writes only the rows that
     * differ, in the same direction as its batches (the release before it still writes the old column). Its check
     * then decides.
     */
    private void converge(PlanFile plan, BackfillStep b, Connection work, Dialect dialect, StateStore state,
                          ReplicaThrottle replicas) throws SQLException {
        long remaining = b.remainingSql() == null ? 0 : count(work, b.remainingSql());
        if (remaining == 0 && b.remainingSql() != null) {
            // that count is the verification: counting again at once compared the whole table a second time
            // (3-7 s per 1,000,000 rows at load 13-17, measured with the MariaDB table copy's gate)
            log.info("  verified: `" + b.remainingSql() + "` = 0");
            return;
        }
        StepState recorded = state.step(plan.id(), b.number()).orElse(null);
        if (remaining != 0 && recorded != null) {
            log.info("  step " + b.number() + " (backfill): " + remaining + " rows of " + b.targetTable() + " differ"
                    + " behind the batches (`" + b.remainingSql() + "`), written without the sync trigger?; one more"
                    + " pass from the first key (it writes only the rows that differ)");
            new BackfillRunner(work, dialect, state, options, log, replicas, database).run(plan.id(), b,
                    recorded.fromTheStart());
        }
        verifyBackfill(b, work, "after one more pass from the first key: something writes " + b.targetTable()
                + " without the sync trigger (a trigger disabled or dropped, an app version that skips its dual"
                + " write); fix that, then run apply again");
    }

    /**
     * True when a release that stops writing old columns (--sync app's third release) writes this backfill's target
     * alone from then on: its source differs from it by design, and the contract step's own check (no value of the
     * old column missing from the new one) decides instead. Other backfills of the same plan keep their check.
     */
    private static boolean sourceRetired(PlanFile plan, BackfillStep b) {
        String target = (b.targetTable() + "." + b.details()).toLowerCase(java.util.Locale.ROOT);
        return plan.steps().stream().anyMatch(s -> s instanceof AppReleaseStep r && r.phase() == Phase.APP_RELEASE_3
                && r.writes().stream().anyMatch(w -> w.toLowerCase(java.util.Locale.ROOT).equals(target)));
    }

    /**
     * True when an earlier run started this contract step: the checks before it passed then (they run before a step
     * is marked running), and what it did since (a sync trigger dropped, after which the running app writes only the
     * new column) makes the old column differ by design; checking again would refuse a rerun that must finish it.
     */
    private boolean startedBefore(Step next, StateStore state, String planId) throws SQLException {
        StepState st = state.step(planId, next.number()).orElse(null);
        boolean started = st != null && st.attempts() > 0 && !st.finished();
        if (started) {
            log.info("  step " + next.number() + " was started by an earlier run, after the checks before it had"
                    + " passed: they are not repeated");
        }
        return started;
    }

    /** The backfill is complete: no row where the new value is missing. Fails safely otherwise, saying why. */
    private void verifyBackfill(BackfillStep step, Connection work, String why) throws SQLException {
        if (step.remainingSql() == null) {
            return;
        }
        long remaining = count(work, step.remainingSql());
        if (remaining != 0) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " verification: "
                    + remaining + " rows of " + step.targetTable() + " still differ (`" + step.remainingSql()
                    + "`) " + why);
        }
        log.info("  verified: `" + step.remainingSql() + "` = 0");
    }

    /** The step's own gate: violating rows, duplicates, NULLs, orphans or values that would not fit. */
    private void verifyBeforeStep(SchemaStep step, Connection work) throws SQLException {
        long found = count(work, step.verifySql());
        if (found != 0) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " (" + step.title()
                    + ") verification: `" + step.verifySql() + "` returned " + found + " (must be 0); fix those rows,"
                    + " then run apply again; nothing of this step was run");
        }
        log.info("  verified: `" + step.verifySql() + "` = 0");
    }

    /** The step adds a constraint with foreign_key_checks = 0: the server did not check the rows already there. */
    static boolean skipsServerCheck(SchemaStep step) {
        return step.statements().stream().anyMatch(r -> r.statement() instanceof SetForeignKeyChecks f && !f.enabled());
    }

    /**
     * Rows written between the check before the step and the ALTER were not checked by anyone: the same query again.
     * The step stays applied; the run stops with exit 1 until the rows are fixed and apply is run again.
     */
    private void verifyAfterStep(SchemaStep step, Connection work) throws SQLException {
        long found = count(work, step.verifySql());
        if (found != 0) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "step " + step.number() + " (" + step.title()
                    + ") ran with foreign_key_checks = 0, and `" + step.verifySql() + "` now returns " + found
                    + ": rows written before the ALTER were never checked; fix them, then run apply again");
        }
        log.info("  verified again after the step (its rows were not checked by the server): `" + step.verifySql()
                + "` = 0");
    }

    /**
     * A contract step that was interrupted part-way (MySQL DDL is not transactional) may have renamed the columns a
     * backfill's check names: that check then no longer applies and is passed over with a log line.
     */
    private void verifyBeforeContract(PlanFile plan, Step next, Connection work, Dialect dialect, boolean contractStarted,
                                      boolean contractInterrupted, StateStore state, ReplicaThrottle replicas)
            throws SQLException {
        boolean checkedBefore = startedBefore(next, state, plan.id());
        for (Step s : plan.steps()) {
            if (s instanceof BackfillStep b && !contractStarted && !checkedBefore && !sourceRetired(plan, b)) {
                try {
                    verifyBackfill(b, work, "since the backfill finished: something wrote one of its columns"
                            + " without the sync trigger, and which side is right is not known here (an app writing"
                            + " the new column only would be overwritten by another pass); nothing was dropped: fix"
                            + " those rows, then run apply again");
                } catch (SQLException e) {
                    if (!contractInterrupted || !SqlErrors.unknownColumn(e)) {
                        throw e;
                    }
                    log.info("  the check of step " + b.number() + " no longer applies: an interrupted contract"
                            + " step already renamed its columns (" + Database.firstLine(e.getMessage()) + ")");
                }
            }
        }
        if (dialect instanceof PostgresDialect && !onlyValidates(next)) {
            List<String> unfinished = ContractGate.unfinished(work, plan.steps());
            if (!unfinished.isEmpty()) {
                throw new StrategistException(ErrorCode.FAILED_SAFELY, "before the contract: what this plan created"
                        + " is not finished: " + String.join(", ", unfinished) + " (INVALID index / NOT VALID"
                        + " constraint); fix them (rerun apply, or VALIDATE CONSTRAINT) before anything is dropped");
            }
        }
    }

    /**
     * True for a step that only validates constraints (after a key swap re-added foreign keys NOT VALID): it drops
     * nothing and is what makes them valid, so the NOT VALID check before a contract step does not apply to it.
     */
    private static boolean onlyValidates(Step step) {
        return step instanceof dev.migrationstrategist.plan.SchemaStep s && s.statements().stream()
                .map(dev.migrationstrategist.statement.Rendered::statement)
                .anyMatch(x -> x instanceof dev.migrationstrategist.statement.ValidateConstraint)
                && s.statements().stream().map(dev.migrationstrategist.statement.Rendered::statement)
                .allMatch(x -> x instanceof dev.migrationstrategist.statement.ValidateConstraint
                        || x instanceof dev.migrationstrategist.statement.SetLockTimeout);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ApplyResult dryRun(PlanFile plan, Dialect dialect, Connection work) throws SQLException {
        Map<Integer, StepState> recorded = Map.of();
        try (Statement st = work.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + StateStore.STEPS_TABLE + " WHERE 1 = 0").close();
            recorded = new StateStore(work, dialect).steps(plan.id());
        } catch (SQLException noStateYet) {
            // no state table: nothing applied yet
        }
        List<Integer> would = new ArrayList<>();
        for (Step step : plan.steps()) {
            StepState s = recorded.get(step.number());
            if (s != null && s.finished()) {
                log.info("-- step " + step.number() + " (" + step.title() + "): already " + s.status().dbName());
                continue;
            }
            String stop = dryRunStop(step);
            if (stop != null) {
                log.info("-- would stop before step " + step.number() + ": " + stop);
                return new ApplyResult(plan.id(), would, step.number(), stop);
            }
            if (step instanceof SchemaStep schema) {
                List<String> broken = NewDependants.find(schema, s == null ? 0 : s.statementsDone(), planned(plan),
                        work, dialect);
                if (!broken.isEmpty()) {
                    String reason = NewDependants.refusal(schema, broken);
                    log.info("-- would stop before step " + step.number() + ": " + reason);
                    return new ApplyResult(plan.id(), would, step.number(), reason);
                }
            }
            log.info("-- step " + step.number() + ": " + step.title());
            if (step instanceof SchemaStep schema) {
                if (schema.verifySql() != null) {
                    log.info("-- verify first: " + schema.verifySql() + "; -- must be 0");
                }
                if (!schema.transactional() || !(dialect instanceof PostgresDialect)) {
                    log.info("-- (outside a transaction, statement by statement)");
                } else {
                    log.info("BEGIN;");
                }
                SchemaStepRunner.statements(schema, dialect, options).forEach(r -> log.info(r.sql()));
                if (schema.transactional() && dialect instanceof PostgresDialect) {
                    log.info("COMMIT;");
                }
            } else if (step instanceof BackfillStep b) {
                log.info("-- batches of " + (options.batchSize() > 0 ? options.batchSize() : b.batchSize())
                        + " over " + b.keyWords() + ", each in its own transaction:");
                BackfillRunner.sessionStatements(dialect, options).forEach(log::info);
                BackfillRunner.quietStatements(dialect, b).forEach(log::info);
                options.replicas().forEach(r -> log.info("-- before each batch: wait while replica "
                        + r.maskedUrl() + " lags more than " + options.maxReplicaLag().toMillis() + " ms"));
                if (b.walksPartitions()) {
                    log.info("-- each leaf partition in turn, one key cursor each (planned: " + b.partitions().size()
                            + "; leaves created since are walked after them):");
                    for (var p : b.partitions()) {
                        var batch = b.batchOn(p);
                        log.info(dialect.render(batch.nextKey()) + ";");
                        log.info(dialect.render(batch) + ";");
                    }
                } else {
                    log.info(b.nextKeySql() + ";");
                    log.info(b.batchSql() + ";");
                }
                if (b.remainingSql() != null) {
                    log.info("-- verify: " + b.remainingSql() + "; -- must be 0");
                }
            } else if (step instanceof AppReleaseStep app) {
                log.info("-- gate passed (--through): " + app.appVersion() + " is deployed");
            }
            would.add(step.number());
        }
        return new ApplyResult(plan.id(), would, 0, null);
    }

    private String dryRunStop(Step step) {
        Phase through = options.through();
        if (through != null && step.phase().ordinal() > through.ordinal()) {
            return "--through " + through.jsonName() + " ends here";
        }
        if (step instanceof AppReleaseStep app && (through == null || through.ordinal() <= app.phase().ordinal())) {
            return "deploy " + app.appVersion() + " first";
        }
        if (step.phase() == Phase.CONTRACT && !options.confirmContract()) {
            return "the contract needs --confirm-contract";
        }
        return null;
    }

    private void checkStateA(PlanFile plan, Connection work, Dialect dialect) throws SQLException {
        if (options.checkStateA()) {
            PlanProof.checkCatalog(plan, work, dialect, log);
        }
    }

    private static void checkDialect(PlanFile plan, Dialect dialect) {
        boolean pgPlan = plan.dialectName().equals("postgresql");
        if (pgPlan != (dialect instanceof PostgresDialect)) {
            throw StrategistException.invalid("the plan was made for " + plan.dialectName() + " but the database is "
                    + dialect.displayName() + "; plan again with --dialect " + dialect.spec());
        }
    }
}
