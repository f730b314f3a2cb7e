package dev.migrationstrategist.db.kill;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kill tests (issue 9) for: add a NOT NULL column with a volatile default (backfilled). Excluded from the default {@code mvn test}; run with
 * {@code mvn -o test -Dtest=KillAddColumnVolatileDefaultTest#postgres -Dtest.excludedGroups=none} (see {@link KillHarness} for the
 * properties that select boundaries).
 */
@Tag("killtest")
class KillAddColumnVolatileDefaultTest {
    private final KillScenario scenario = new Scenarios.AddColumnVolatileDefault();

    @Test
    void postgres() throws Exception {
        new KillHarness(scenario, "postgresql").killAtEveryBoundary();
    }

    @Test
    void mariadb() throws Exception {
        new KillHarness(scenario, "mariadb").killAtEveryBoundary();
    }

    @Test
    void postgresLockWait() throws Exception {
        new KillHarness(scenario, "postgresql").killWhileWaitingForLock();
    }

    @Test
    void mariadbLockWait() throws Exception {
        new KillHarness(scenario, "mariadb").killWhileWaitingForLock();
    }
}
