package dev.migrationstrategist.api;

import dev.migrationstrategist.rehearsal.RehearsalOptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How {@link Strategist#rehearse} runs: synthetic rows per table, concurrent application clients, whether the
 * scratch namespaces are kept. Checked when used, before anything is created on the server.
 *
 * @param hook called on each side once the clients have stopped, before the data checks (a test's way to tamper)
 * @param scratchPrefix the start of the scratch namespaces' names (see {@link RehearsalOptions#scratchPrefix()})
 */
public record RehearseSettings(long rows, int clients, boolean keep, Hook hook, String scratchPrefix) {
    public RehearseSettings {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(scratchPrefix, "scratchPrefix");
    }

    public static RehearseSettings defaults() {
        return new RehearseSettings(RehearsalOptions.DEFAULT_ROWS, RehearsalOptions.DEFAULT_CLIENTS, false, Hook.NONE,
                RehearsalOptions.DEFAULT_PREFIX);
    }

    public RehearseSettings withRows(long value) {
        return new RehearseSettings(value, clients, keep, hook, scratchPrefix);
    }

    public RehearseSettings withClients(int value) {
        return new RehearseSettings(rows, value, keep, hook, scratchPrefix);
    }

    public RehearseSettings withKeep(boolean value) {
        return new RehearseSettings(rows, clients, value, hook, scratchPrefix);
    }

    public RehearseSettings withHook(Hook value) {
        return new RehearseSettings(rows, clients, keep, value, scratchPrefix);
    }

    public RehearseSettings withScratchPrefix(String value) {
        return new RehearseSettings(rows, clients, keep, hook, value);
    }

    /** Refuses a value out of bounds (rows, clients, scratch prefix), naming it; returns these settings. */
    public RehearseSettings check() {
        options();
        return this;
    }

    RehearsalOptions options() {
        return RehearsalOptions.defaults().withRows(rows).withClients(clients).withKeep(keep)
                .withHook(hook::beforeChecks).withScratchPrefix(scratchPrefix);
    }

    /** Interferes with a side's scratch data before the checks. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (side, scratch) -> { };

        /** @param side "plan" or "naive" */
        void beforeChecks(String side, Connection scratch) throws SQLException;
    }
}
