package dev.migrationstrategist.db;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full apply of the rename plan on 100,000 rows while writer threads keep inserting and updating as each app
 * version would: at the end every row is present and holds the last value any version wrote.
 */
class ApplyRenameUnderLoadTest {
    static final long ROWS = 100_000;

    @Test
    @Tag("postgres")
    void postgresRenameUnderConcurrentWritesLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            run(db, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRenameUnderConcurrentWritesLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            run(db, "mariadb:10.11");
        }
    }

    private void run(TestDatabase db, String dialect) throws Exception {
        ApplyScenario.seed(db, ROWS);
        Path plan = ApplyScenario.writePlan(dialect, ApplyScenario.tempDir());
        PlanFile planFile = PlanFile.read(plan);
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, java.time.Duration.ofMillis(100),
                java.time.Duration.ZERO);
        Database database = ApplyScenario.database(db);
        try (RenameWorkload app = new RenameWorkload(db, 3, ROWS)) {
            app.start();
            Thread.sleep(200);
            ApplyResult expand = new Applier(database, base, log).apply(planFile, plan.toString());
            assertThat(expand.ran()).containsExactly(1);
            assertThat(expand.stoppedAt()).isEqualTo(2);

            app.switchTo(RenameWorkload.Version.V1_1);
            Thread.sleep(200);
            ApplyResult backfill = new Applier(database, base.withThrough(Phase.CONSTRAIN), log)
                    .apply(planFile, plan.toString());
            assertThat(backfill.ran()).containsExactly(2, 3);
            assertThat(db.count("SELECT count(*) FROM users WHERE " + distinct(db, "full_name", "name"))).isZero();

            app.switchTo(RenameWorkload.Version.V1_2);
            Thread.sleep(300);
            // v1.2 writes only full_name; the trigger keeps name current so v1.1 could still run
            assertThat(db.count("SELECT count(*) FROM users WHERE " + distinct(db, "full_name", "name"))).isZero();
            ApplyResult contract = new Applier(database, base.withThrough(Phase.CONTRACT).withConfirmContract(true),
                    log).apply(planFile, plan.toString());
            assertThat(contract.complete()).isTrue();
            Thread.sleep(200);
            app.close();

            assertThat(app.errorSamples()).as("application errors").isEmpty();
            assertThat(app.operations()).isGreaterThan(100);
            assertThat(db.columns("users")).containsExactly("id", "email", "created_at", "full_name");
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(ROWS + app.inserted());
            Map<Long, String> actual = new HashMap<>();
            for (List<String> row : db.rows("SELECT id, full_name FROM users")) {
                actual.put(Long.parseLong(row.get(0)), row.get(1));
            }
            for (long id = 1; id <= ROWS; id++) {
                String want = app.expected().getOrDefault(id, id % 10 == 0 ? null : "name-" + id);
                assertThat(actual.get(id)).as("full_name of row %d", id).isEqualTo(want);
            }
            app.expected().forEach((id, value) -> assertThat(actual.get(id)).as("row %d", id).isEqualTo(value));
        }
        assertThat(log.contains("backfill users.full_name")).isTrue();
    }

    private static String distinct(TestDatabase db, String a, String b) {
        return db.family().equals("postgresql") ? a + " IS DISTINCT FROM " + b : "NOT (" + a + " <=> " + b + ")";
    }
}
