package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.ApplyOutcome;
import dev.migrationstrategist.api.ApplySettings;
import dev.migrationstrategist.api.Operator;
import dev.migrationstrategist.error.StrategistException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strategist apply}: run a plan's database steps against a live database, resumably. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Run a plan's database steps on a live database, resumably, stopping at each release.",
        description = {"Run the database steps of a plan (the JSON that 'plan' wrote) in order, resumably.",
                "First the plan proves itself: its steps must be what its changes, options and state_a give when",
                "planned again, and (before its first step has run) the database must hold its State A.",
                "Stops at each application release until --through names a later phase; the contract also needs",
                "--confirm-contract and passes verification first. Progress is kept in the tables",
                "strategist_plans, strategist_steps and strategist_objects of the target schema.", ""},
        footer = {"", "Examples:",
                "  strategist apply --db jdbc:postgresql://127.0.0.1:5432/app \\",
                "      --plan docs/database-report/migration-strategist-output.json",
                "  strategist apply --db ... --plan ... --through backfill        # after deploying v1.1",
                "  strategist apply --db ... --plan ... --through contract --confirm-contract",
                "", "Exit codes: 0 ok (complete or stopped at a gate), 1 failed safely, 2 invalid input,",
                "  3 internal error."})
public final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "The plan JSON written by 'plan'.")
    Path plan;

    @Option(names = "--through", paramLabel = "PHASE",
            description = "Run up to and including this phase: expand, app_release_1, backfill, constrain,"
                    + " app_release_2, backfill_2 (a renamed enum value's rows), app_release_3 (plans with app sync),"
                    + " contract. Naming a phase after a release says"
                    + " that release is deployed.")
    String through;

    @Option(names = "--confirm-contract", description = "Allow the destructive contract steps.")
    boolean confirmContract;

    @Option(names = "--dry-run", description = "Print the statements that would run, in order, and touch nothing.")
    boolean dryRun;

    @Option(names = "--accept-edited-plan",
            description = "Run a plan whose steps are not what its own changes, options and state_a give (edited by"
                    + " hand), or that has no state_a: logs a warning and records it in strategist_plans. Without it"
                    + " such a plan is refused (exit 1).")
    boolean acceptEditedPlan;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "Override the plan's lock timeout (e.g. 2s; 1ms to 10 min).")
    String lockTimeout;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "30",
            description = "Attempts per statement that times out waiting for a lock (1-1000)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "First backfill batch size (1-1000000; adapts afterwards). Default: the plan's.")
    Integer batchSize;

    @Option(names = "--batch-target", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Target time per backfill batch (at most 1 min; 0ms keeps the batch size fixed)."
                    + " Default: ${DEFAULT-VALUE}.")
    String batchTarget;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "5ms",
            description = "Pause between backfill batches (0ms to 1 min). Default: ${DEFAULT-VALUE}.")
    String pause;

    @Option(names = "--replica", paramLabel = "JDBC_URL",
            description = "A replica to watch (repeatable): before every backfill batch its lag is read and the"
                    + " backfill pauses while it exceeds --max-replica-lag. Same user and password as --db unless"
                    + " the URL says otherwise.")
    List<String> replicas = new ArrayList<>();

    @Option(names = "--max-replica-lag", paramLabel = "DURATION", defaultValue = "1s",
            description = "Pause the backfill while a --replica lags more than this (1ms to 1 h)."
                    + " Default: ${DEFAULT-VALUE}.")
    String maxReplicaLag;

    @Option(names = "--max-latency-ratio", paramLabel = "R",
            description = "Latency budget of the backfill: a probe (a tiny commit on the tool's table"
                    + " strategist_probe every 20 ms, on its own connection) measured before the backfill gives the"
                    + " baseline p99, and batch size and pause adapt to keep the probe's p99 within R times it"
                    + " (1.1-100, or off for a fixed pause). Default: 3 on PostgreSQL, 8 on MySQL/MariaDB: above the"
                    + " floor the same write volume on another table gives (measured 1.25-3.3x idle on PostgreSQL,"
                    + " 6.6-7.1x on MariaDB 10.11).")
    String maxLatencyRatio;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        // every option is checked before anything connects: the settings refuse what is out of bounds
        if (batchSize != null && batchSize < 1) {
            throw StrategistException.invalid("--batch-size " + batchSize + ": must be a positive number of rows");
        }
        ApplySettings settings = ApplySettings.defaults()
                .withThrough(through)
                .withConfirmContract(confirmContract)
                .withDryRun(dryRun)
                .withAcceptEdited(acceptEditedPlan)
                .withLockTimeout(lockTimeout == null ? null : Durations.parse("--lock-timeout", lockTimeout))
                .withMaxAttempts(maxAttempts)
                .withBatching(batchSize == null ? 0 : batchSize, Durations.parse("--batch-target", batchTarget),
                        Durations.parse("--pause", pause))
                .withReplicas(replicas.stream().map(db.database()::replica).toList(),
                        Durations.parse("--max-replica-lag", maxReplicaLag))
                .withMaxLatencyRatio(latencyRatio(maxLatencyRatio));
        PrintWriter out = spec.commandLine().getOut();
        ApplyOutcome result = new Operator(db.database()).apply(plan, settings, new TerminalLog(out));
        out.println(result.complete() ? "done: every step of plan " + result.planId() + " has run"
                : "next: " + result.reason());
        out.flush();
        return 0;
    }

    /** {@code off} or a number; anything else is invalid input naming the option. */
    static double latencyRatio(String text) {
        if (text == null) {
            return ApplySettings.defaults().maxLatencyRatio(); // the dialect's default
        }
        String t = text.trim();
        if (t.equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            double r = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
            if (r == 0 || Double.isNaN(r)) {
                throw new NumberFormatException();
            }
            if (r < 0) { // never the internal "dialect's default" marker
                throw StrategistException.invalid("--max-latency-ratio " + r + ": must be between 1.1 and 100.0 (or"
                        + " off)");
            }
            return r;
        } catch (NumberFormatException e) {
            throw StrategistException.invalid("--max-latency-ratio " + text + ": expected a number such as 1.5"
                    + " (times the probe's p99 before the backfill) or off");
        }
    }
}
