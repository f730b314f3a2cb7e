package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code rename column users.name to full_name}, apply and rollback. */
class KillRenameColumnTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.RenameColumn();
    }

    @Override
    boolean rollsBack() {
        return true;
    }
}
