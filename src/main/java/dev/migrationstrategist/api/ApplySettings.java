package dev.migrationstrategist.api;

import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.error.Limits;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@link Operator#apply} runs a plan. Every value is checked when the settings are used, before anything
 * connects; a value out of bounds is invalid input naming the setting ({@code pause -1s: cannot be negative}).
 *
 * @param through         run up to and including this phase ({@code expand}, {@code app_release_1},
 *                        {@code backfill}, {@code constrain}, ..., {@code contract}); null: up to the next release
 * @param confirmContract allow the destructive contract steps
 * @param dryRun          print the statements in order and touch nothing
 * @param acceptEdited    run a plan edited by hand (logged and recorded) instead of refusing it
 * @param lockTimeout     overrides the plan's lock timeout; null keeps the plan's
 * @param maxAttempts     attempts per statement that times out waiting for a lock
 * @param batchSize       first backfill batch size; 0 keeps the plan's
 * @param batchTarget     target time per backfill batch; zero keeps the batch size fixed
 * @param pause           pause between backfill batches
 * @param replicas        replicas whose lag is read before every backfill batch
 * @param maxReplicaLag   the backfill holds while a replica lags more than this
 * @param maxLatencyRatio the backfill's latency budget: a probe commit's p99 at most this many times its p99 before the
 *                        backfill (1.1-100); 0: none
 */
public record ApplySettings(String through, boolean confirmContract, boolean dryRun, boolean acceptEdited,
                            Duration lockTimeout, int maxAttempts, int batchSize, Duration batchTarget,
                            Duration pause, List<LiveDatabase> replicas, Duration maxReplicaLag,
                            double maxLatencyRatio) {
    public ApplySettings {
        replicas = List.copyOf(replicas);
    }

    public static ApplySettings defaults() {
        ApplyOptions d = ApplyOptions.defaults();
        return new ApplySettings(null, false, false, false, null, d.maxAttempts(), 0, d.batchTarget(), d.pause(),
                List.of(), d.maxReplicaLag(), d.maxLatencyRatio());
    }

    public ApplySettings withThrough(String phase) {
        return new ApplySettings(phase, confirmContract, dryRun, acceptEdited, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withConfirmContract(boolean value) {
        return new ApplySettings(through, value, dryRun, acceptEdited, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withDryRun(boolean value) {
        return new ApplySettings(through, confirmContract, value, acceptEdited, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withAcceptEdited(boolean value) {
        return new ApplySettings(through, confirmContract, dryRun, value, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withLockTimeout(Duration value) {
        return new ApplySettings(through, confirmContract, dryRun, acceptEdited, value, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withMaxAttempts(int value) {
        return new ApplySettings(through, confirmContract, dryRun, acceptEdited, lockTimeout, value, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withBatching(int size, Duration target, Duration pauseBetween) {
        return new ApplySettings(through, confirmContract, dryRun, acceptEdited, lockTimeout, maxAttempts, size,
                target, pauseBetween, replicas, maxReplicaLag, maxLatencyRatio);
    }

    public ApplySettings withReplicas(List<LiveDatabase> list, Duration maxLag) {
        return new ApplySettings(through, confirmContract, dryRun, acceptEdited, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, list, maxLag, maxLatencyRatio);
    }

    /** The backfill's latency budget as a multiple of the probe's p99 before it; 0: none. */
    public ApplySettings withMaxLatencyRatio(double ratio) {
        return new ApplySettings(through, confirmContract, dryRun, acceptEdited, lockTimeout, maxAttempts, batchSize,
                batchTarget, pause, replicas, maxReplicaLag, ratio);
    }

    /** The executor's options; refuses a value out of bounds naming its setting. */
    ApplyOptions options() {
        if (batchSize != 0) {
            Limits.number("batch size", batchSize, 1, Limits.MAX_BATCH_SIZE);
        }
        return ApplyOptions.defaults()
                .withThrough(through == null ? null : phase(through))
                .withConfirmContract(confirmContract)
                .withDryRun(dryRun)
                .withAcceptEdited(acceptEdited)
                .withLockTimeout(lockTimeout)
                .withRetries(maxAttempts, Duration.ofMillis(200), Duration.ofSeconds(10))
                .withBatching(batchSize, batchTarget, pause)
                .withReplicas(replicas.stream().map(LiveDatabase::database).toList(), maxReplicaLag)
                .withMaxLatencyRatio(maxLatencyRatio);
    }

    /** The phases {@code through} accepts, in plan order. */
    public static List<String> phases() {
        return Arrays.stream(Phase.values()).map(Phase::jsonName).toList();
    }

    static Phase phase(String text) {
        return Phase.fromJsonName(text.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                StrategistException.invalidSetting("through", " " + text + ": expected one of " + phases()));
    }
}
