package dev.migrationstrategist.db;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backfill's batches run with the session settings that {@code apply --dry-run} prints: on PostgreSQL without
 * waiting for each batch's WAL flush, on MySQL/MariaDB with a row-lock wait bounded by the lock timeout. A trigger
 * records what each batch statement saw.
 */
class BackfillSessionTest {

    @Test
    @Tag("postgres")
    void postgresBatchesCommitWithoutWaitingForTheirFlush() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 1_000);
            db.execute("CREATE TABLE seen (setting TEXT)",
                    "CREATE FUNCTION record_setting() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " INSERT INTO seen VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$",
                    "CREATE TRIGGER record_setting AFTER UPDATE ON users FOR EACH STATEMENT"
                            + " EXECUTE FUNCTION record_setting()");
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyResult result = new Applier(ApplyScenario.database(db), ApplyOptions.defaults()
                    .withBatching(100, Duration.ZERO, Duration.ZERO).withThrough(Phase.BACKFILL), log)
                    .apply(PlanFile.read(ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir())), "p");

            assertThat(result.ran()).contains(3);
            assertThat(db.count("SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name")).isZero();
            assertThat(db.column("SELECT DISTINCT setting FROM seen")).containsExactly("off");
            assertThat(db.count("SELECT count(*) FROM seen")).isGreaterThanOrEqualTo(10); // one per batch of 100

        }
    }

    @Test
    @Tag("mariadb")
    void mariadbBatchesWaitForRowLocksNoLongerThanTheLockTimeout() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            ApplyScenario.seed(db, 1_000);
            db.execute("CREATE TABLE seen (setting BIGINT)",
                    "CREATE TRIGGER record_setting AFTER UPDATE ON users FOR EACH ROW"
                            + " INSERT INTO seen VALUES (@@session.innodb_lock_wait_timeout)");
            ApplyScenario.Log log = new ApplyScenario.Log();
            new Applier(ApplyScenario.database(db), ApplyOptions.defaults().withLockTimeout(Duration.ofSeconds(3))
                    .withBatching(100, Duration.ZERO, Duration.ZERO).withThrough(Phase.BACKFILL), log)
                    .apply(PlanFile.read(ApplyScenario.writePlan("mariadb:10.11", ApplyScenario.tempDir())), "p");

            assertThat(db.count("SELECT count(*) FROM users WHERE NOT (full_name <=> name)")).isZero();
            assertThat(db.column("SELECT DISTINCT setting FROM seen")).containsExactly("3");
        }
    }
}
