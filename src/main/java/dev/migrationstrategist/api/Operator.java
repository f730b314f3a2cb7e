package dev.migrationstrategist.api;

import dev.migrationstrategist.db.Applier;
import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.db.ApplyResult;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.db.Rollbacker;
import dev.migrationstrategist.db.StateStore;
import dev.migrationstrategist.db.StepState;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs plans on one live database: {@link #apply}, {@link #status}, {@link #rollback}. Settings and the plan file
 * are checked before anything connects; a refusal is a {@link StrategistException} ({@link ErrorCode#INVALID_INPUT}
 * for wrong input, {@link ErrorCode#FAILED_SAFELY} when the database is not in the state the plan needs).
 *
 * <pre>{@code
 * Operator operator = new Operator(LiveDatabase.of("jdbc:postgresql://127.0.0.1:5432/app", "app", secret));
 * ApplyOutcome outcome = operator.apply(Path.of("migration-strategist-output.json"),
 *         ApplySettings.defaults().withThrough("backfill"), Progress.lines(System.out::println));
 * }</pre>
 */
public final class Operator {
    private final LiveDatabase target;

    public Operator(LiveDatabase target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Runs the plan file's database steps in order, resumably, as far as {@code settings} allow. */
    public ApplyOutcome apply(Path planFile, ApplySettings settings, Progress progress) {
        PlanFile plan = PlanFile.read(planFile);
        ApplyOptions options = settings.options(); // every value checked before anything connects
        ApplyResult result = new Applier(target.database(), options, Logs.of(progress))
                .apply(plan, planFile.toString());
        return new ApplyOutcome(result.planId(), result.ran(), result.complete(), result.reason());
    }

    /**
     * Undoes the applied steps of the plan in reverse order (only what this plan created).
     *
     * @param appRolledBack the application already runs the version from before every passed release of the plan
     */
    public RollbackOutcome rollback(Path planFile, boolean appRolledBack, Progress progress) {
        PlanFile plan = PlanFile.read(planFile);
        List<Integer> undone = new Rollbacker(target.database(), ApplyOptions.defaults(), Logs.of(progress))
                .rollback(plan, appRolledBack);
        return new RollbackOutcome(plan.id(), undone);
    }

    /** Every plan applied to this database and where each step stands; reads only. */
    public StatusReport status() {
        Database database = target.database();
        try (Connection c = database.connect()) {
            StateStore state = new StateStore(c, Database.dialectOf(c));
            List<StateStore.PlanRecord> records;
            try {
                records = state.planRecords();
            } catch (SQLException noTables) {
                return new StatusReport(database.maskedUrl(), List.of());
            }
            List<StatusReport.PlanStatus> plans = new ArrayList<>();
            for (StateStore.PlanRecord p : records) {
                List<StatusReport.StepStatus> steps = new ArrayList<>();
                for (StepState s : state.steps(p.planId()).values()) {
                    steps.add(step(s));
                }
                plans.add(new StatusReport.PlanStatus(p.planId(), String.valueOf(p.source()),
                        String.valueOf(p.dialect()), p.stepCount(), time(p.firstSeen()), steps));
            }
            return new StatusReport(database.maskedUrl(), plans);
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, database.scrub("status: " + e.getMessage()), e);
        }
    }

    private static StatusReport.StepStatus step(StepState s) {
        boolean rolledBack = s.status() == StepState.Status.ROLLED_BACK;
        OffsetDateTime started = time(s.startedAt());
        // a rolled-back step's finished_at records when it was undone, so it has no run duration to show
        OffsetDateTime finished = s.finished() ? time(s.finishedAt()) : null;
        Long duration = started != null && finished != null
                ? s.finishedAt().getTime() - s.startedAt().getTime() : null;
        return new StatusReport.StepStatus(s.step(), s.phase(), s.title(), s.status().dbName(), s.attempts(),
                started, finished, rolledBack ? time(s.finishedAt()) : null, duration, s.rowsDone(),
                s.checkpoint(), s.message());
    }

    private static OffsetDateTime time(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
