package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The hostile-name plan runs on a real MariaDB and renames the column without dropping anything else. */
@Tag("mariadb")
class HostileNameMariaDbTest {
    @TempDir
    Path dir;

    @Test
    void hostileNamePlanRunsAsWrittenOnMariaDb() throws Exception {
        HostileNames names = new HostileNames(true, "mariadb:10.11");
        JsonNode plan = names.plan(dir);
        try (TestDatabase db = TestDatabases.mariadb()) {
            HostileNameLifecycle.run(db, names, plan);
        }
    }
}
