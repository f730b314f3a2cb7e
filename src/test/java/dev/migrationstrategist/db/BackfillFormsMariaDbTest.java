package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** Split, merge and move backfills run by apply from their statements, names with spaces, on a real server. */
@Tag("mariadb")
class BackfillFormsMariaDbTest {
    static List<BackfillFormsScenario> cases() {
        return BackfillFormsScenario.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theBatchesRunFromTheirStatements(BackfillFormsScenario scenario) {
        try (TestDatabase db = TestDatabases.mariadb("bf_")) {
            scenario.run(db, "mariadb:10.11");
        }
    }
}
