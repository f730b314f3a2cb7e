package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code change type of accounts.score to bigint}, apply and rollback. */
class KillChangeTypeTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.ChangeType();
    }

    @Override
    boolean rollsBack() {
        return true;
    }
}
