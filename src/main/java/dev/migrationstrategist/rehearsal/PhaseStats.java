package dev.migrationstrategist.rehearsal;

import java.util.List;
import java.util.Map;

/**
 * What the clients saw during one phase of a side.
 *
 * @param errors       errors by "SQLSTATE first line of the message" (a stale read counts under {@code STALE})
 * @param lockWaitMs   client time spent waiting for a lock, summed over the samples of the lock-wait sampler
 * @param maxLockWaitMs the longest single lock wait a sample saw
 * @param rePrepares   reads retried once after PostgreSQL's "cached plan must not change result type", as the
 *                     version's release tells it to (not errors)
 */
public record PhaseStats(String phase, long millis, long ops, long errorCount, Map<String, Long> errors,
                         double p50Ms, double p99Ms, double maxMs, long lockWaitMs, long maxLockWaitMs,
                         long staleReads, long rePrepares) {
    public PhaseStats {
        errors = Map.copyOf(errors);
    }

    public double opsPerSecond() {
        return millis == 0 ? 0 : ops * 1000.0 / millis;
    }

    /** The distinct SQLSTATEs among the errors. */
    public List<String> sqlStates() {
        return errors.keySet().stream().map(k -> k.split(" ", 2)[0]).distinct().sorted().toList();
    }
}
