package dev.migrationstrategist.db;

import dev.migrationstrategist.error.Limits;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanOptions;

import java.time.Duration;
import java.util.List;

/**
 * How {@code apply} runs a plan.
 *
 * @param through         run up to and including this phase; null = up to the first application release not yet
 *                        passed
 * @param lockTimeout     overrides the plan's lock timeout for blocking statements; null keeps the plan's
 * @param maxAttempts     attempts per statement that times out waiting for a lock (exponential backoff, jitter)
 * @param batchSize       first backfill batch size; 0 keeps the plan's
 * @param batchTarget     the adaptive batch size aims to keep each batch under this time; 0 keeps the size fixed
 * @param pause           sleep between batches, so the backfill yields to application traffic
 * @param replicas        replicas whose lag is read before every backfill batch
 * @param maxReplicaLag   the backfill pauses while a replica lags more than this
 * @param acceptEdited    run a plan whose steps are not what its own changes, options and state_a give (edited by
 *                        hand), or that carries no state_a, with a warning, recording it in strategist_plans
 * @param checkStateA     compare the live database with the plan's state_a before the first step (off only for the
 *                        rehearsal, whose scratch State A is built from the plan's own model)
 * @param maxLatencyRatio the backfill's latency budget: a probe commit's p99 during the backfill at most this many
 *                        times its p99 before it ({@link #MIN_LATENCY_RATIO} to {@link #MAX_LATENCY_RATIO}); 0: no
 *                        budget (no probe; fixed pause)
 */
public record ApplyOptions(Phase through, boolean confirmContract, boolean dryRun, Duration lockTimeout,
                           int maxAttempts, Duration baseBackoff, Duration maxBackoff, int batchSize,
                           Duration batchTarget, Duration pause, List<Database> replicas, Duration maxReplicaLag,
                           boolean acceptEdited, boolean checkStateA, double maxLatencyRatio) {
    public ApplyOptions {
        checkLatencyRatio(maxLatencyRatio);
        replicas = List.copyOf(replicas);
        Limits.duration("max replica lag", maxReplicaLag, Duration.ofMillis(1), Limits.MAX_REPLICA_LAG);
        Limits.number("max attempts", maxAttempts, 1, Limits.MAX_ATTEMPTS);
        Limits.number("batch size", batchSize, 0, Limits.MAX_BATCH_SIZE);
        if (lockTimeout != null) {
            PlanOptions.checkLockTimeout(lockTimeout);
        }
        Limits.duration("batch target", batchTarget, Duration.ZERO, Limits.MAX_BATCH_TARGET);
        Limits.duration("pause", pause, Duration.ZERO, Limits.MAX_PAUSE);
        Limits.duration("retry backoff", baseBackoff, Duration.ZERO, maxBackoff);
    }

    /**
     * A writer that touches a row of the batch in flight waits for that batch: 50 ms keeps that wait short while
     * the per-batch overhead stays small (bench/backfill/README.md has the measurements behind both defaults).
     */
    public static final Duration DEFAULT_BATCH_TARGET = Duration.ofMillis(50);
    /** Yields between batches without costing much throughput at the default batch target. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(5);

    /**
     * The default latency budget: 3x the probe's p99 before the backfill. The same write volume on another table (the
     * shared log's floor, which no pacing of this backfill can go below) raised a writer's p99 1.25-3.3x on PostgreSQL
     * in bench/backfill, so 3x leaves that floor alone and catches what the backfill of the writer's own table adds
     * above it (5-8x before the lock share cap). On MariaDB that floor was 6-7x: there the default slows the backfill
     * down to the budget; raise it (or {@code off}) to trade the application's latency for throughput.
     */
    /** The default budget: the dialect's ({@code Dialect.defaultMaxLatencyRatio}, chosen from the measured floor). */
    public static final double DEFAULT_LATENCY_RATIO = -1.0;
    public static final double MIN_LATENCY_RATIO = 1.1;
    public static final double MAX_LATENCY_RATIO = 100.0;

    /** A budget below 1.1x would stop a backfill on noise alone; 0 means none. */
    public static double checkLatencyRatio(double ratio) {
        if (ratio != 0 && ratio != DEFAULT_LATENCY_RATIO && !(ratio >= MIN_LATENCY_RATIO && ratio <= MAX_LATENCY_RATIO)) {
            throw dev.migrationstrategist.error.StrategistException.invalidSetting("max latency ratio", " " + ratio
                    + ": must be between " + MIN_LATENCY_RATIO + " and " + MAX_LATENCY_RATIO + " (or off)");
        }
        return ratio;
    }

    /** The latency budget of the backfill (0: none; {@link #DEFAULT_LATENCY_RATIO}: the dialect's). */
    public ApplyOptions withMaxLatencyRatio(double ratio) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, ratio);
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(null, false, false, null, 30, Duration.ofMillis(200), Duration.ofSeconds(10), 0,
                DEFAULT_BATCH_TARGET, DEFAULT_PAUSE, List.of(), Duration.ofSeconds(1), false, true,
                DEFAULT_LATENCY_RATIO);
    }

    public ApplyOptions withThrough(Phase phase) {
        return new ApplyOptions(phase, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    public ApplyOptions withConfirmContract(boolean value) {
        return new ApplyOptions(through, value, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    public ApplyOptions withDryRun(boolean value) {
        return new ApplyOptions(through, confirmContract, value, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    public ApplyOptions withLockTimeout(Duration value) {
        return new ApplyOptions(through, confirmContract, dryRun, value, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    public ApplyOptions withRetries(int attempts, Duration base, Duration max) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, attempts, base, max, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    public ApplyOptions withBatching(int size, Duration target, Duration pauseBetween) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                size, target, pauseBetween, replicas, maxReplicaLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    /** Replicas to watch during backfills, and the lag above which the backfill pauses. */
    public ApplyOptions withReplicas(List<Database> list, Duration maxLag) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, list, maxLag, acceptEdited, checkStateA, maxLatencyRatio);
    }

    /** Run a plan that does not prove itself (edited by hand, or without state_a), with a warning. */
    public ApplyOptions withAcceptEdited(boolean value) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, value, checkStateA, maxLatencyRatio);
    }

    /** Whether to compare the live database with the plan's state_a before the first step. */
    public ApplyOptions withCheckStateA(boolean value) {
        return new ApplyOptions(through, confirmContract, dryRun, lockTimeout, maxAttempts, baseBackoff, maxBackoff,
                batchSize, batchTarget, pause, replicas, maxReplicaLag, acceptEdited, value, maxLatencyRatio);
    }
}
