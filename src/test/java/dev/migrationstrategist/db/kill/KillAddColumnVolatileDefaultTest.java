package dev.migrationstrategist.db.kill;

/** Kill tests (issue 9) for: {@code add column events.token varchar(36) not null default <volatile>}. */
class KillAddColumnVolatileDefaultTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.AddColumnVolatileDefault();
    }
}
