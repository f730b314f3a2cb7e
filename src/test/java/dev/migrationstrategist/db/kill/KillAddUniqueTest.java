package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code add unique users_email_key on users (email)}. */
class KillAddUniqueTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.AddUnique();
    }
}
