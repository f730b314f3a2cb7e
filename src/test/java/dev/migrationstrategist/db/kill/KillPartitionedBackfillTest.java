package dev.migrationstrategist.db.kill;

/**
 * Kill tests for a backfill that walks the leaf partitions of a list-partitioned table one by one ({@code change type
 * of entries.score to bigint}, key (tenant_id, id), four leaves): killed at each batch, checkpoint and
 * partition-boundary write, the rerun resumes in the partition where it stopped and never walks a finished one again.
 * For the CI: {@code -Dtest='KillPartitionedBackfillTest#postgres' -Dkilltest.match='batch=|state=(checkpoint|partition)'}.
 */
class KillPartitionedBackfillTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.PartitionedChangeType();
    }

    @Override
    boolean rollsBack() {
        return true;
    }
}
