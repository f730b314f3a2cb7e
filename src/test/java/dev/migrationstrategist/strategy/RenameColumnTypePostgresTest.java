package dev.migrationstrategist.strategy;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class RenameColumnTypePostgresTest extends RenameColumnTypeScenarios {
    @Override
    TestDatabase database() {
        return TestDatabases.postgres();
    }

    @Override
    String dialect() {
        return "postgresql:15";
    }
}
