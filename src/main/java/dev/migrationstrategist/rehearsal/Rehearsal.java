package dev.migrationstrategist.rehearsal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.db.Applier;
import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.db.ApplyResult;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.report.JsonReport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a plan on a scratch copy under simulated traffic, and the naive statements on another, side by side.
 *
 * <p>Plan side: State A + rows in {@code strategist_rehearsal_<id>_plan}; clients start on v1.0; the plan's steps
 * run phase by phase through {@link Applier} (the same steps {@code apply} runs); at each app release the clients
 * switch as in a rolling deploy (half, an overlap, then the rest); the final version runs a little longer. Naive
 * side: the same in {@code ..._naive}, the naive statements run as given, then every client switches to the final
 * version at once. Both namespaces are dropped at the end, on failure too, unless kept.
 */
public final class Rehearsal {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database server;
    private final Dialect dialect;
    private final Plan plan;
    private final NaiveSql naive;
    private final RehearsalOptions options;
    private final Consumer<String> progress;

    public Rehearsal(Database server, Dialect dialect, Plan plan, NaiveSql naive, RehearsalOptions options,
                     Consumer<String> progress) {
        this.server = server;
        this.dialect = dialect;
        this.plan = plan;
        this.naive = naive;
        this.options = options;
        this.progress = line -> progress.accept(server.scrub(line));
    }

    /** The dialect and version of the server (read-only). */
    public static Dialect serverDialect(Database server) {
        try (Connection c = server.connect()) {
            return Database.dialectOf(c);
        } catch (SQLException e) {
            throw StrategistException.invalidSetting("db", server.scrub(" " + server.maskedUrl() + ": " + e.getMessage()));
        }
    }

    public RehearsalResult run() {
        for (Step s : plan.steps()) {
            if (s instanceof dev.migrationstrategist.plan.SchemaStep schema && schema.statements().isEmpty()) {
                throw StrategistException.invalid("rehearse: step " + s.number() + " (" + s.action() + " on "
                        + s.targetTable() + ") has no SQL: the plan runs it with an online schema-change tool"
                        + " (pt-online-schema-change or gh-ost), which the rehearsal does not run");
            }
        }
        AppVersions versions = AppVersions.derive(plan, dialect); // refuses what is not covered, before anything
        DataGenerator data = new DataGenerator(plan.before(), dialect, Field.addedParents(plan.changes()));
        data.check();
        PlanFile file = planFile();
        String id = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong())).substring(0, 8);
        SideResult planSide;
        try (ScratchDatabase scratch = ScratchDatabase.create(server, dialect, options.scratchPrefix(), id, "plan", options.keep())) {
            planSide = new Side(scratch, versions, data).runPlan(file);
        }
        SideResult naiveSide;
        if (!naive.present()) {
            naiveSide = SideResult.notRun("naive", naive.missing());
        } else {
            try (ScratchDatabase scratch = ScratchDatabase.create(server, dialect, options.scratchPrefix(), id, "naive", options.keep())) {
                naiveSide = new Side(scratch, versions, data).runNaive();
            }
        }
        return new RehearsalResult(server.maskedUrl(), dialect.displayName(), options.rows(), options.clients(),
                plan.options().lockTimeout().toMillis(), plan, planSide, naiveSide);
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    /** The plan as {@code apply} reads it: its JSON report, parsed back into steps. */
    private PlanFile planFile() {
        try {
            return PlanFile.parse(MAPPER.readTree(new JsonReport().render(plan)), "rehearsal plan");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One side's run in its scratch namespace. */
    private final class Side {
        private final ScratchDatabase scratch;
        private final AppVersions versions;
        private final DataGenerator data;
        private final Metrics metrics = new Metrics(server::scrub);
        private final Expected expected = new Expected();
        private final String name;

        Side(ScratchDatabase scratch, AppVersions versions, DataGenerator data) {
            this.scratch = scratch;
            this.versions = versions;
            this.data = data;
            this.name = scratch.name().endsWith("_plan") ? "plan" : "naive";
        }

        private void load() {
            progress.accept(name + " side: creating State A in " + scratch.name());
            try (Connection c = scratch.database().connect()) {
                data.create(c);
                data.fill(c, options.rows(), line -> progress.accept(name + " side: " + line));
            } catch (SQLException e) {
                throw StrategistException.invalid("rehearse: cannot create State A in " + scratch.name() + ": "
                        + DataGenerator.firstLine(e));
            }
        }

        SideResult runPlan(PlanFile file) {
            load();
            List<Invariant> checks = new ArrayList<>();
            String failure = null;
            try (Workload app = workload(); LockWaitSampler sampler = sampler(app)) {
                sleep(options.timing().warmUp());
                List<Phase> phases = plan.steps().stream().map(Step::phase).distinct().toList();
                for (Phase p : phases) {
                    if (p.isAppRelease()) {
                        for (Step s : plan.stepsIn(p)) {
                            rollOut(app, versions.byStep().get(s.number()), ((AppReleaseStep) s));
                        }
                        continue;
                    }
                    phase(p.jsonName() + " (step " + stepNumbers(p) + ")");
                    failure = apply(file, p);
                    if (failure != null) {
                        break;
                    }
                }
                if (failure == null) {
                    failure = apply(file, Phase.CONTRACT); // passes a release gate left at the end, if any
                }
                phase("final " + versions.last().name());
                sleep(options.timing().finalRun());
                phase(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StrategistException(ErrorCode.FAILED_SAFELY, "rehearse: interrupted");
            }
            checks.add(new Invariant("plan ran to completion", failure == null,
                    failure == null ? "every step of the plan ran" : failure));
            addChecks(checks);
            return new SideResult(name, scratch.name(), metrics.stats(), checks, List.of(), null,
                    metrics.series());
        }

        SideResult runNaive() {
            load();
            List<Invariant> checks = new ArrayList<>();
            List<String> ran = new ArrayList<>();
            try (Workload app = workload(); LockWaitSampler sampler = sampler(app)) {
                sleep(options.timing().warmUp());
                phase("naive DDL, " + versions.versions().get(0).name() + " running");
                try (Connection c = scratch.database().connect(); Statement st = c.createStatement()) {
                    for (String sql : naive.statements()) {
                        long t0 = System.nanoTime();
                        String outcome;
                        try {
                            st.execute(sql);
                            outcome = "ok";
                        } catch (SQLException e) {
                            outcome = "failed: " + e.getSQLState() + " " + DataGenerator.firstLine(e);
                        }
                        ran.add(oneLine(sql) + " -- " + (System.nanoTime() - t0) / 1_000_000 + " ms, " + outcome);
                        progress.accept("naive side: " + ran.get(ran.size() - 1));
                    }
                } catch (SQLException e) {
                    throw StrategistException.invalid(server.scrub("rehearse: " + e.getMessage()));
                }
                sleep(options.timing().settle());
                AppVersion last = versions.last();
                app.deploy(0, app.clients(), last); // then the phase: no v1.0 operation is counted in it
                phase("deploy " + last.name() + " to all clients at once");
                sleep(options.timing().finalRun());
                phase(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StrategistException(ErrorCode.FAILED_SAFELY, "rehearse: interrupted");
            }
            addChecks(checks);
            return new SideResult(name, scratch.name(), metrics.stats(), checks, ran, null, metrics.series());
        }

        private Workload workload() throws InterruptedException {
            Workload app = new Workload(scratch.clients(), dialect, options.clients(),
                    options.rows(), versions.versions().get(0), metrics, expected);
            metrics.begin(versions.versions().get(0).name() + " warm-up");
            progress.accept(name + " side: " + versions.versions().get(0).name() + " warm-up ...");
            app.start();
            return app;
        }

        private LockWaitSampler sampler(Workload app) {
            return new LockWaitSampler(scratch.database(), dialect, app::sessions, metrics);
        }

        private void rollOut(Workload app, AppVersion v, AppReleaseStep step) throws InterruptedException {
            int half = Math.max(1, app.clients() / 2);
            app.deploy(0, half, v);
            phase("step " + step.number() + " release " + v.name() + ": " + half + " of " + app.clients()
                    + " clients");
            sleep(options.timing().overlap());
            app.deploy(half, app.clients(), v);
            phase("step " + step.number() + " release " + v.name() + ": all clients");
            sleep(options.timing().settle());
        }

        /** Runs the plan through {@code phase}; returns why it stopped short, or null. */
        private String apply(PlanFile file, Phase phase) {
            // the scratch State A is built from the plan's own model: comparing the two would check the generator
            ApplyOptions o = ApplyOptions.defaults().withThrough(phase).withConfirmContract(true)
                    .withCheckStateA(false);
            try {
                ApplyResult r = new Applier(scratch.database(), o, line -> progress.accept("  apply: " + line))
                        .apply(file, "rehearsal");
                return !r.complete() && phase == Phase.CONTRACT ? "apply stopped: " + r.reason() : null;
            } catch (StrategistException e) {
                return server.scrub(e.getMessage());
            }
        }

        private void addChecks(List<Invariant> checks) {
            List<PhaseStats> stats = metrics.stats();
            checks.add(Verdict.noErrors(stats));
            checks.add(Verdict.readsSawLastWrite(stats));
            try (Connection c = scratch.database().connect()) {
                options.hook().beforeChecks(name, c);
                checks.add(Verdict.writes(c, dialect, versions.last(), versions.traffic(), expected));
                checks.add(Verdict.longestWait(stats, plan.options().lockTimeout().toMillis()));
                checks.add(Verdict.catalog(c, dialect, scratch.name(), DataGenerator.forScratch(plan.after())));
            } catch (SQLException e) {
                checks.add(new Invariant("data and catalog checks ran", false,
                        server.scrub(e.getSQLState() + " " + DataGenerator.firstLine(e))));
            }
        }

        private String stepNumbers(Phase p) {
            List<Step> steps = plan.stepsIn(p);
            int a = steps.get(0).number();
            int b = steps.get(steps.size() - 1).number();
            return a == b ? String.valueOf(a) : a + "-" + b;
        }

        /** Ends the current phase with a progress line and starts {@code label} (null: the last phase ends). */
        private void phase(String label) {
            Metrics.Recorder ended = metrics.current();
            if (label == null) {
                metrics.end();
            } else {
                metrics.begin(label);
            }
            if (ended != null) {
                PhaseStats s = ended.stats(UnaryOperator.identity()); // only its counts are shown here
                progress.accept(String.format(Locale.US, "%s side: %s: %,d ops (%.0f ops/s), %d errors",
                        name, s.phase(), s.ops(), s.opsPerSecond(), s.errorCount()));
            }
            if (label != null) {
                progress.accept(name + " side: " + label + " ...");
            }
        }
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("(?m)^\\s*--.*$", "").replaceAll("\\s+", " ").trim();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
