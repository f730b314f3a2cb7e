package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code add foreign key orders.user_id references users.id}. */
class KillAddForeignKeyTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.AddForeignKey();
    }
}
