package dev.migrationstrategist.rehearsal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A way for tests to interfere with a rehearsal (tamper rows, run a wrong statement) and see it reported: called on
 * each side once the clients have stopped, before the data checks, with a connection to that side's scratch
 * namespace.
 */
@FunctionalInterface
public interface RehearsalHook {
    RehearsalHook NONE = (side, scratch) -> { };

    /** @param side "plan" or "naive" */
    void beforeChecks(String side, Connection scratch) throws SQLException;
}
