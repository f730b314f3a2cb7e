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
 */
public record RehearsalOptions(long rows, int clients, boolean keep, Timing timing, RehearsalHook hook) {
    public static final long DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_CLIENTS = 4;
    public static final long MAX_ROWS = 100_000_000;
    public static final int MAX_CLIENTS = 64;

    public RehearsalOptions {
        Limits.number("rows", rows, 1, MAX_ROWS);
        Limits.number("clients", clients, 1, MAX_CLIENTS);
        if (rows < clients) {
            throw StrategistException.invalidSetting("rows", " " + rows + ": must be at least the number of clients (" + clients + ")");
        }
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(hook, "hook");
    }

    public static RehearsalOptions defaults() {
        return new RehearsalOptions(DEFAULT_ROWS, DEFAULT_CLIENTS, false, Timing.DEFAULT, RehearsalHook.NONE);
    }

    public RehearsalOptions withRows(long value) {
        return new RehearsalOptions(value, clients, keep, timing, hook);
    }

    public RehearsalOptions withClients(int value) {
        return new RehearsalOptions(rows, value, keep, timing, hook);
    }

    public RehearsalOptions withKeep(boolean value) {
        return new RehearsalOptions(rows, clients, value, timing, hook);
    }

    public RehearsalOptions withTiming(Timing value) {
        return new RehearsalOptions(rows, clients, keep, value, hook);
    }

    public RehearsalOptions withHook(RehearsalHook value) {
        return new RehearsalOptions(rows, clients, keep, timing, value);
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
