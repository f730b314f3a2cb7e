package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The hostile-name plan runs on a real PostgreSQL and renames the column without dropping anything else. */
@Tag("postgres")
class HostileNamePostgresTest {
    @TempDir
    Path dir;

    @Test
    void hostileNamePlanRunsAsWrittenOnPostgres() throws Exception {
        HostileNames names = new HostileNames(false, "postgresql:15");
        JsonNode plan = names.plan(dir);
        try (TestDatabase db = TestDatabases.postgres()) {
            HostileNameLifecycle.run(db, names, plan);
        }
    }
}
