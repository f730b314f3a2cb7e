package dev.migrationstrategist.db.kill;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kill tests (issue 9) for: rename column users.name to full_name. Excluded from the default {@code mvn test}; run with
 * {@code mvn -o test -Dtest=KillRenameColumnTest#postgres -Dtest.excludedGroups=none} (see {@link KillHarness} for the
 * properties that select boundaries).
 */
@Tag("killtest")
class KillRenameColumnTest {
    private final KillScenario scenario = new Scenarios.RenameColumn();

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
