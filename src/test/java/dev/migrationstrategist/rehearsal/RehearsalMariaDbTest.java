package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rehearsals on the local MariaDB: the plan holds every invariant; the naive RENAME breaks the old app. */
@Tag("mariadb")
class RehearsalMariaDbTest {
    @Test
    void renameColumnPlanHoldsEveryInvariantWhileTheNaiveRenameBreaksV10() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            RehearsalResult r = RehearsalRun.run(db, RehearsalPostgresTest.USERS,
                    "ALTER TABLE users RENAME COLUMN name TO full_name;", RehearsalHook.NONE);
            assertThat(r.dialect()).startsWith("MariaDB");
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            assertThat(r.planSide().errors()).isZero();
            assertThat(r.exitCode()).isZero();
            assertThat(r.naiveSide().errors()).as("v1.0 keeps using name after the RENAME").isPositive();
            assertThat(r.naiveSide().sqlStates()).contains("42S22"); // unknown column
            assertThat(RehearsalRun.leftovers(db, r)).as("scratch databases dropped").isEmpty();
        }
    }
}
