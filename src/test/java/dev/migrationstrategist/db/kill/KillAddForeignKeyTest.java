package dev.migrationstrategist.db.kill;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kill tests (issue 9) for: add foreign key orders.user_id references users.id. Excluded from the default {@code mvn test}; run with
 * {@code mvn -o test -Dtest=KillAddForeignKeyTest#postgres -Dtest.excludedGroups=none} (see {@link KillHarness} for the
 * properties that select boundaries).
 */
@Tag("killtest")
class KillAddForeignKeyTest {
    private final KillScenario scenario = new Scenarios.AddForeignKey();

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
