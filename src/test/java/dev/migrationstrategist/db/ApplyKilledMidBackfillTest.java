package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real apply process (a separate JVM, SIGKILL) in the middle of a backfill, reruns it, and checks that
 * every row was backfilled exactly once: an audit trigger counts each row's NULL → value transitions.
 */
class ApplyKilledMidBackfillTest {
    static final long ROWS = 60_000;

    @Test
    @Tag("postgres")
    void postgresBackfillResumesAfterKillWithEveryRowExactlyOnce() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, ROWS);
            Path plan = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            runApply(db, plan, "expand").waitFor(60, TimeUnit.SECONDS);
            db.execute("CREATE TABLE backfill_audit (id bigint PRIMARY KEY, times int NOT NULL)",
                    "CREATE FUNCTION audit_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " IF OLD.full_name IS NULL AND NEW.full_name IS NOT NULL THEN"
                            + " INSERT INTO backfill_audit VALUES (NEW.id, 1) ON CONFLICT (id) DO UPDATE"
                            + " SET times = backfill_audit.times + 1; END IF; RETURN NEW; END $$",
                    "CREATE TRIGGER zz_audit AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit_fill()");
            killAndResume(db, plan);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbBackfillResumesAfterKillWithEveryRowExactlyOnce() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            ApplyScenario.seed(db, ROWS);
            Path plan = ApplyScenario.writePlan("mariadb:10.11", ApplyScenario.tempDir());
            runApply(db, plan, "expand").waitFor(60, TimeUnit.SECONDS);
            db.execute("CREATE TABLE backfill_audit (id bigint PRIMARY KEY, times int NOT NULL)",
                    "CREATE TRIGGER zz_audit AFTER UPDATE ON users FOR EACH ROW"
                            + " IF OLD.full_name IS NULL AND NEW.full_name IS NOT NULL THEN"
                            + " INSERT INTO backfill_audit VALUES (NEW.id, 1) ON DUPLICATE KEY UPDATE times = times + 1;"
                            + " END IF");
            killAndResume(db, plan);
        }
    }

    private void killAndResume(TestDatabase db, Path plan) throws Exception {
        Process first = runApply(db, plan, "backfill", "--batch-size", "500", "--batch-target", "0ms",
                "--pause", "40ms");
        long deadline = System.currentTimeMillis() + 60_000;
        long done = 0;
        while (System.currentTimeMillis() < deadline) {
            List<String> rows = db.column("SELECT rows_done FROM strategist_steps WHERE step = 3");
            done = rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
            if (done >= 5_000) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(done).as("rows backfilled before the kill").isGreaterThanOrEqualTo(5_000);
        first.destroyForcibly(); // SIGKILL on Linux
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long checkpointRows = Long.parseLong(db.column("SELECT rows_done FROM strategist_steps WHERE step = 3").get(0));
        assertThat(checkpointRows).isLessThan(ROWS * 9 / 10);
        assertThat(db.column("SELECT status FROM strategist_steps WHERE step = 3")).containsExactly("running");

        Process second = runApply(db, plan, "backfill", "--batch-size", "5000", "--pause", "0ms");
        String output = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("resuming the backfill after id");

        long withName = ROWS - ROWS / 10;
        assertThat(db.count("SELECT count(*) FROM users WHERE full_name IS NOT NULL")).isEqualTo(withName);
        assertThat(db.count("SELECT count(*) FROM backfill_audit")).isEqualTo(withName);
        assertThat(db.count("SELECT count(*) FROM backfill_audit WHERE times <> 1")).isZero();
        assertThat(db.column("SELECT status FROM strategist_steps WHERE step = 3")).containsExactly("done");
    }

    /** Runs {@code strategist apply} in its own JVM with the test classpath. */
    static Process runApply(TestDatabase db, Path plan, String through, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.migrationstrategist.cli.Main", "apply", "--db", db.jdbcUrl(), "--plan", plan.toString(),
                "--through", through));
        if (db.user() != null) {
            cmd.addAll(List.of("--user", db.user()));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (db.password() != null && !db.password().isEmpty()) {
            pb.environment().put("STRATEGIST_DB_PASSWORD", db.password());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }
}
