package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 2: the rename-column plan, executed on PostgreSQL 15. */
@Tag("postgres")
class RenameColumnExecutionPostgresTest extends RenameColumnExecutionScenarios {
    static final String PG = "postgresql:15";

    @Override
    TestDatabase database() {
        return TestDatabases.postgres();
    }

    @Test
    void nullableColumnWithDefaultIndexesAndUniqueConstraintSurvivesTheWholeTimeline() {
        lifecycle(PG, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
    }

    @Test
    void notNullColumnIsRebuiltInTheConstrainPhase() {
        lifecycle(PG, NOT_NULL_SCHEMA, SyncMode.TRIGGER, 0);
    }

    @Test
    void appSyncKeepsBothColumnsCurrentWithoutATrigger() {
        lifecycle(PG, NULLABLE_SCHEMA, SyncMode.APP, 10);
        appSyncPlanHasNoTrigger(PG);
    }

    @Test
    void rollingBackEveryStepRestoresStateA() {
        rollbackToStateA(PG, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
        rollbackToStateA(PG, NOT_NULL_SCHEMA, SyncMode.TRIGGER, 0);
    }

    @Test
    void foreignKeyOnTheOldColumnIsRebuiltOnTheNewOne() {
        foreignKey(PG);
    }
}
