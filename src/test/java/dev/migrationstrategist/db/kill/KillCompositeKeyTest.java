package dev.migrationstrategist.db.kill;

/**
 * Kill tests for a backfill over a composite primary key ({@code change type of entries.score to bigint}, key
 * (tenant_id, id)): killed at each batch boundary, the rerun resumes from the checkpointed pair. Run the backfill's
 * boundaries with {@code -Dkilltest.match='batch='}.
 */
class KillCompositeKeyTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.CompositeKeyChangeType();
    }

    @Override
    boolean rollsBack() {
        return true;
    }
}
