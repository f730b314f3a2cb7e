package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Hostile table and column names through plan, a batched backfill and rollback on a real MariaDB. */
@Tag("mariadb")
class BackfillHostileNamesMariaDbTest {
    @TempDir
    Path dir;

    static Stream<BackfillHostileNames> cases() {
        return BackfillHostileNames.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planApplyBackfillAndRollBack(BackfillHostileNames names) throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("bf_")) {
            names.run(db, dir);
        }
    }
}
