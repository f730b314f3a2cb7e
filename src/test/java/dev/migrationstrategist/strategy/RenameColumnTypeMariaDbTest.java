package dev.migrationstrategist.strategy;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

@Tag("mariadb")
class RenameColumnTypeMariaDbTest extends RenameColumnTypeScenarios {
    @Override
    TestDatabase database() {
        return TestDatabases.mariadb();
    }

    @Override
    String dialect() {
        return "mariadb:10.11";
    }
}
