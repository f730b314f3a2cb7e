package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.error.Limits;
import dev.migrationstrategist.error.StrategistException;

import java.time.Duration;
import java.util.Objects;

/**
 * How a rehearsal runs.
 *
 * @param rows    synthetic rows per table of State A
 * @param clients concurrent simulated application clients
 * @param keep    keep the scratch namespaces instead of dropping them at the end
 * @param timing  how long the traffic runs around the steps
 * @param scratchPrefix the start of the scratch namespaces' names ({@code <prefix><id>_plan}, {@code _naive}):
 *                      lower-case letters, digits and underscores, starting with a letter, at most
 *                      {@value #MAX_PREFIX} characters (the names stay within PostgreSQL's 63 and MySQL's 64)
 */
public record RehearsalOptions(long rows, int clients, boolean keep, Timing timing, RehearsalHook hook,
                               String scratchPrefix) {
    public static final long DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_CLIENTS = 4;
    public static final long MAX_ROWS = 100_000_000;
    public static final int MAX_CLIENTS = 64;
    public static final String DEFAULT_PREFIX = "strategist_rehearsal_";
    /** 40 + an 8-character id + {@code _naive}: 54, within every engine's identifier length. */
    public static final int MAX_PREFIX = 40;

    public RehearsalOptions {
        Limits.number("rows", rows, 1, MAX_ROWS);
        Limits.number("clients", clients, 1, MAX_CLIENTS);
        if (rows < clients) {
            throw StrategistException.invalidSetting("rows", " " + rows + ": must be at least the number of clients (" + clients + ")");
        }
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(scratchPrefix, "scratchPrefix");
        if (!scratchPrefix.matches("[a-z][a-z0-9_]*") || scratchPrefix.length() > MAX_PREFIX) {
            throw StrategistException.invalidSetting("scratch-prefix", " '" + scratchPrefix + "': must be lower-case"
                    + " letters, digits and underscores, starting with a letter, at most " + MAX_PREFIX
                    + " characters");
        }
    }

    public static RehearsalOptions defaults() {
        return new RehearsalOptions(DEFAULT_ROWS, DEFAULT_CLIENTS, false, Timing.DEFAULT, RehearsalHook.NONE,
                DEFAULT_PREFIX);
    }

    public RehearsalOptions withRows(long value) {
        return new RehearsalOptions(value, clients, keep, timing, hook, scratchPrefix);
    }

    public RehearsalOptions withClients(int value) {
        return new RehearsalOptions(rows, value, keep, timing, hook, scratchPrefix);
    }

    public RehearsalOptions withKeep(boolean value) {
        return new RehearsalOptions(rows, clients, value, timing, hook, scratchPrefix);
    }

    public RehearsalOptions withTiming(Timing value) {
        return new RehearsalOptions(rows, clients, keep, value, hook, scratchPrefix);
    }

    public RehearsalOptions withHook(RehearsalHook value) {
        return new RehearsalOptions(rows, clients, keep, timing, value, scratchPrefix);
    }

    public RehearsalOptions withScratchPrefix(String value) {
        return new RehearsalOptions(rows, clients, keep, timing, hook, value);
    }

    /**
     * @param warmUp   traffic on v1.0 before the first step
     * @param overlap  a rolling deploy: how long half the clients run the new version beside the old one
     * @param settle   after a deploy or a naive DDL, before the next step
     * @param finalRun traffic on the final version at the end
     */
    public record Timing(Duration warmUp, Duration overlap, Duration settle, Duration finalRun) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
