package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 2: the rename-column plan, executed on MariaDB 10.11, for the mariadb dialect and for the SQL of the
 * mysql:8.0 dialect (MariaDB 10.11 accepts its {@code ALGORITHM=INSTANT, LOCK=DEFAULT}).
 */
@Tag("mariadb")
class RenameColumnExecutionMariaDbTest extends RenameColumnExecutionScenarios {
    static final String MARIADB = "mariadb:10.11";
    static final String MYSQL = "mysql:8.0";

    @Override
    TestDatabase database() {
        return TestDatabases.mariadb();
    }

    @Test
    void nullableColumnWithDefaultIndexesAndUniqueKeySurvivesTheWholeTimeline() {
        lifecycle(MARIADB, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
    }

    @Test
    void notNullColumnIsRebuiltInTheConstrainPhase() {
        lifecycle(MARIADB, NOT_NULL_SCHEMA, SyncMode.TRIGGER, 0);
    }

    @Test
    void appSyncKeepsBothColumnsCurrentWithoutATrigger() {
        lifecycle(MARIADB, NULLABLE_SCHEMA, SyncMode.APP, 10);
        appSyncPlanHasNoTrigger(MARIADB);
    }

    @Test
    void rollingBackEveryStepRestoresStateA() {
        rollbackToStateA(MARIADB, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
        rollbackToStateA(MARIADB, NOT_NULL_SCHEMA, SyncMode.TRIGGER, 0);
    }

    @Test
    void mysqlDialectSqlRunsOnMariaDb() {
        lifecycle(MYSQL, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
        lifecycle(MYSQL, NOT_NULL_SCHEMA, SyncMode.TRIGGER, 0);
        rollbackToStateA(MYSQL, NULLABLE_SCHEMA, SyncMode.TRIGGER, 10);
    }

    @Test
    void foreignKeyOnTheOldColumnIsRebuiltOnTheNewOne() {
        foreignKey(MARIADB);
        foreignKey(MYSQL);
    }
}
