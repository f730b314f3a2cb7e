package dev.migrationstrategist.db.kill;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kill tests of one scenario (issue 9): {@code apply} killed at every boundary, or while a statement waits for a
 * lock, on each engine; and, for scenarios that have one, {@code rollback} killed at every boundary. A subclass names
 * its {@link KillScenario}. Tagged {@code killtest}, excluded from the default {@code mvn test}; run one with
 * {@code mvn -o test -Dtest=KillRenameColumnTest#postgresRollback -Dtest.excludedGroups=none} (see
 * {@link KillHarness} and docs/kill-tests.md for the properties that select boundaries).
 */
@Tag("killtest")
abstract class KillTest {
    /** The migration this class kills. */
    abstract KillScenario scenario();

    /** Whether the scenario has a rollback variant ({@link KillScenario#stateARows}). */
    boolean rollsBack() {
        return false;
    }

    @Test
    void postgres() throws Exception {
        runsOn(true);
        new KillHarness(scenario(), "postgresql").killAtEveryBoundary();
    }

    @Test
    void mariadb() throws Exception {
        runsOn(false);
        new KillHarness(scenario(), "mariadb").killAtEveryBoundary();
    }

    @Test
    void postgresLockWait() throws Exception {
        runsOn(true);
        new KillHarness(scenario(), "postgresql").killWhileWaitingForLock();
    }

    @Test
    void mariadbLockWait() throws Exception {
        runsOn(false);
        new KillHarness(scenario(), "mariadb").killWhileWaitingForLock();
    }

    @Test
    void postgresRollback() throws Exception {
        runsOn(true);
        assumeTrue(rollsBack(), "no rollback kill test for " + scenario());
        KillHarness.rollback(scenario(), "postgresql").killAtEveryBoundary();
    }

    @Test
    void mariadbRollback() throws Exception {
        runsOn(false);
        assumeTrue(rollsBack(), "no rollback kill test for " + scenario());
        KillHarness.rollback(scenario(), "mariadb").killAtEveryBoundary();
    }

    /** Skips an engine the scenario's migration does not exist on (e.g. enum types on MariaDB), saying why. */
    private void runsOn(boolean pg) {
        assumeTrue(scenario().runsOn(pg), scenario() + " does not exist on " + (pg ? "PostgreSQL" : "MariaDB"));
    }
}
