package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code split table users columns email, bio into user_contacts}. */
class KillSplitTableTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.SplitTable();
    }
}
