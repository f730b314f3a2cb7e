package dev.migrationstrategist.db.kill;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kill tests (issue 9) for: split table users columns email, bio into user_contacts. Excluded from the default {@code mvn test}; run with
 * {@code mvn -o test -Dtest=KillSplitTableTest#postgres -Dtest.excludedGroups=none} (see {@link KillHarness} for the
 * properties that select boundaries).
 */
@Tag("killtest")
class KillSplitTableTest {
    private final KillScenario scenario = new Scenarios.SplitTable();

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
