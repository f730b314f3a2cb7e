package dev.migrationstrategist.error;

import java.time.Duration;

/**
 * The bounds of every numeric setting, in one list, and the checks that refuse a value outside them with one line
 * naming the setting and the value ({@code pause -1s: cannot be negative}; the CLI names it {@code --pause}). The option records ({@code
 * PlanOptions}, {@code ApplyOptions}, {@code RehearsalOptions}) check on construction, so the library refuses what the
 * CLI refuses, and the CLI builds them before it connects to anything. An upper bound is where a value stops being a
 * setting and becomes a typo (seconds for milliseconds) or a value that would hold locks or a backfill for hours.
 */
public final class Limits {
    /** A lock timeout waits in the lock queue, with every later statement on the table queued behind it. */
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofMinutes(10);
    /** A batch holds its rows' locks for this long; the adaptive size aims at it (0: a fixed batch size). */
    public static final Duration MAX_BATCH_TARGET = Duration.ofMinutes(1);
    public static final Duration MAX_PAUSE = Duration.ofMinutes(1);
    public static final Duration MAX_REPLICA_LAG = Duration.ofHours(1);
    /** One backfill batch is one transaction: a million rows is already a long one. */
    public static final int MAX_BATCH_SIZE = 1_000_000;
    /** With the longest backoff of 10 s, 1,000 attempts is close to three hours of retries of one statement. */
    public static final int MAX_ATTEMPTS = 1_000;

    private Limits() {
    }

    /** {@code value} if it lies within {@code [min, max]}; else invalid input naming {@code option} and the value. */
    public static Duration duration(String option, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            throw StrategistException.invalidSetting(option, " " + show(value) + ": "
                    + (min.isZero() ? "cannot be negative" : "must be at least " + show(min)));
        }
        if (value.compareTo(max) > 0) {
            throw StrategistException.invalidSetting(option, " " + show(value) + ": must be at most " + show(max));
        }
        return value;
    }

    /** {@code value} if it lies within {@code [min, max]}; else invalid input naming {@code option} and the value. */
    public static long number(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw StrategistException.invalidSetting(option, " " + value + ": must be between " + min + " and " + max);
        }
        return value;
    }

    /** A duration in the CLI's own syntax: {@code 2s} when whole seconds, else {@code 1500ms}. */
    public static String show(Duration d) {
        long ms;
        try {
            ms = d.toMillis();
        } catch (ArithmeticException tooLong) {
            return d.getSeconds() + "s";
        }
        return ms != 0 && ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
