package dev.migrationstrategist.db;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: attempt n waits a random time up to min(max, base * 2^(n-1)). */
final class Retry {
    private Retry() {
    }

    static Duration backoff(int attempt, Duration base, Duration max) {
        long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(20, Math.max(0, attempt - 1))));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, Math.max(cap / 2 + 1, cap + 1)));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
