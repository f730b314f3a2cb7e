package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Replica-lag throttling against a real streaming standby: WAL replay on the standby is paused so it falls behind;
 * the backfill must not run a batch while the lag exceeds --max-replica-lag, and must go on once replay resumes.
 */
@Tag("replica")
class ApplyReplicaLagTest {
    static final long ROWS = 30_000;

    @Test
    @Tag("postgres")
    void backfillPausesWhileTheStandbyLagsAndResumesWhenItCatchesUp() throws Exception {
        String missing = PostgresStandby.missing();
        if (missing != null) {
            System.err.println("\n*** SKIPPED ApplyReplicaLagTest: " + missing + "; a streaming standby needs the"
                    + " PostgreSQL 15 server binaries (initdb, pg_ctl, pg_basebackup) ***\n");
        }
        Assumptions.assumeTrue(missing == null, "PostgreSQL server binaries missing: " + missing);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PostgresStandby servers = new PostgresStandby();
             Connection primary = DriverManager.getConnection(servers.primaryUrl());
             Connection standby = DriverManager.getConnection(servers.standbyUrl())) {
            execute(primary, ApplyScenario.SCHEMA.split(";\\s*")[0], ApplyScenario.SCHEMA.split(";\\s*")[1],
                    "INSERT INTO users (id, name, email) SELECT g, 'name-' || g, 'u' || g || '@example.com'"
                            + " FROM generate_series(1, " + ROWS + ") g");
            Path planPath = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            PlanFile plan = PlanFile.read(planPath);
            Database db = new Database(servers.primaryUrl(), null, null);
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyOptions options = ApplyOptions.defaults().withBatching(2_000, Duration.ofMillis(200), Duration.ZERO)
                    .withReplicas(List.of(new Database(servers.standbyUrl(), null, null)),
                            Duration.ofMillis(500));
            ApplyResult expand = new Applier(db, options, log).apply(plan, planPath.toString());
            assertThat(expand.ran()).containsExactly(1);
            assertThat(log.contains("replica jdbc:postgresql://127.0.0.1:")).isTrue();

            // the standby stops replaying: the next write makes it fall behind
            awaitLag(standby, 0, 0, 10_000);
            execute(standby, "SELECT pg_wal_replay_pause()");
            execute(primary, "CREATE TABLE lag_marker (x int)", "INSERT INTO lag_marker VALUES (1)");
            awaitLag(standby, 700, Long.MAX_VALUE, 10_000);

            long t0 = System.nanoTime();
            Future<ApplyResult> backfill = pool.submit(() -> new Applier(db, options.withThrough(Phase.CONSTRAIN), log)
                    .apply(plan, planPath.toString()));
            Thread.sleep(2_000);
            assertThat(backfill.isDone()).as("the backfill waits for the standby").isFalse();
            assertThat(log.contains("backfill paused: replica jdbc:postgresql://127.0.0.1:")).isTrue();
            assertThat(count(primary, "SELECT coalesce(sum(rows_done), 0) FROM " + StateStore.STEPS_TABLE))
                    .as("no batch ran while the standby lagged").isZero();
            assertThat(count(primary, "SELECT count(*) FROM users WHERE full_name IS NULL")).isEqualTo(ROWS);

            execute(standby, "SELECT pg_wal_replay_resume()");
            ApplyResult done = backfill.get(30, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(log.contains("backfill users.full_name")).isTrue();
            assertThat(log.contains("replicas caught up: backfill resumes after a pause of")).isTrue();
            assertThat(count(primary, "SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name")).isZero();
            // and the standby has every row of it too
            awaitLag(standby, 0, 0, 10_000);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (count(standby, "SELECT count(*) FROM users WHERE full_name IS NULL") != 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count(standby, "SELECT count(*) FROM users WHERE full_name IS NULL")).isZero();
            System.out.println("replica lag test: backfill held " + ms + " ms in all; " + log.lines.stream()
                    .filter(l -> l.contains("replica")).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** MariaDB: the replica's SQL thread is stopped (Seconds_Behind_Master NULL: lag unknown), then started. */
    @Test
    @Tag("mariadb")
    void mariadbBackfillPausesWhileTheReplicaIsStoppedAndResumesWhenItRuns() throws Exception {
        String missing = MariaDbReplica.missing();
        if (missing != null) {
            System.err.println("\n*** SKIPPED mariadb replica test: " + missing + " ***\n");
        }
        Assumptions.assumeTrue(missing == null, "MariaDB server binaries missing: " + missing);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MariaDbReplica servers = new MariaDbReplica();
             Connection primary = DriverManager.getConnection(servers.primaryUrl());
             Connection replica = DriverManager.getConnection(servers.replicaUrl())) {
            execute(primary, ApplyScenario.SCHEMA.split(";\\s*")[0], ApplyScenario.SCHEMA.split(";\\s*")[1],
                    "INSERT INTO users (id, name, email) SELECT seq, CONCAT('name-', seq), CONCAT('u', seq,"
                            + " '@example.com') FROM seq_1_to_" + ROWS);
            Path planPath = ApplyScenario.writePlan("mariadb:10.11", ApplyScenario.tempDir());
            PlanFile plan = PlanFile.read(planPath);
            Database db = new Database(servers.primaryUrl(), null, null);
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyOptions options = ApplyOptions.defaults().withBatching(2_000, Duration.ofMillis(200), Duration.ZERO)
                    .withReplicas(List.of(new Database(servers.replicaUrl(), null, null)),
                            Duration.ofSeconds(1));
            ApplyResult expand = new Applier(db, options, log).apply(plan, planPath.toString());
            assertThat(expand.ran()).containsExactly(1);
            awaitReplicated(replica, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'test'"
                    + " AND table_name = 'users' AND column_name = 'full_name'", 1);

            execute(replica, "STOP SLAVE SQL_THREAD");
            Future<ApplyResult> backfill = pool.submit(() -> new Applier(db, options.withThrough(Phase.CONSTRAIN), log)
                    .apply(plan, planPath.toString()));
            Thread.sleep(2_000);
            assertThat(backfill.isDone()).as("the backfill waits for the replica").isFalse();
            assertThat(log.contains("lags unknown (replication stopped or unreachable)")).isTrue();
            assertThat(count(primary, "SELECT coalesce(sum(rows_done), 0) FROM " + StateStore.STEPS_TABLE))
                    .as("no batch ran while the replica was stopped").isZero();

            execute(replica, "START SLAVE SQL_THREAD");
            try {
                backfill.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the backfill did not finish after the replica ran again: " + log.lines
                        + "; replica: " + slaveStatus(replica), e);
            }
            assertThat(log.contains("replicas caught up: backfill resumes after a pause of")).isTrue();
            assertThat(count(primary, "SELECT count(*) FROM users WHERE NOT (full_name <=> name)")).isZero();
            awaitReplicated(replica, "SELECT count(*) FROM users WHERE full_name IS NULL", 0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String slaveStatus(Connection replica) throws SQLException {
        try (Statement st = replica.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return "no replication";
            }
            return "IO " + rs.getString("Slave_IO_Running") + ", SQL " + rs.getString("Slave_SQL_Running") + ", "
                    + rs.getString("Last_IO_Error") + " / " + rs.getString("Last_SQL_Error");
        }
    }

    private static void awaitReplicated(Connection replica, String query, long want) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long got = -1;
        while (System.nanoTime() < deadline) {
            try {
                got = count(replica, query);
            } catch (SQLException notYet) {
                got = -1;
            }
            if (got == want) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("replica: `" + query + "` is " + got + ", expected " + want);
    }

    /** A --replica that is no replica is refused before anything runs (the test servers are primaries). */
    @Test
    @Tag("postgres")
    void postgresPrimaryGivenAsReplicaIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            refusesNonReplica(db, "not a standby (pg_is_in_recovery() is false)");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbPrimaryGivenAsReplicaIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            refusesNonReplica(db, "not a replica (SHOW REPLICA STATUS is empty)");
        }
    }

    private static void refusesNonReplica(TestDatabase db, String why) {
        ApplyScenario.seed(db, 10);
        Path planPath = ApplyScenario.writePlan(db.family().equals("postgresql") ? "postgresql:15" : "mariadb:10.11",
                ApplyScenario.tempDir());
        Database database = ApplyScenario.database(db);
        ApplyOptions options = ApplyOptions.defaults().withReplicas(List.of(database), Duration.ofSeconds(1));
        StrategistException e = catchThrowableOfType(StrategistException.class,
                () -> new Applier(database, options, ApplyLog.silent()).apply(PlanFile.read(planPath), "p"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("replica " + database.maskedUrl() + ": " + why);
        assertThat(e.setting()).contains("replica");
        assertThat(db.columns("users")).doesNotContain("full_name");
    }

    /** Waits until the standby's lag (ms, as ReplicaThrottle reads it) is within [min, max]. */
    private static void awaitLag(Connection standby, long min, long max, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        long lag = -1;
        while (System.nanoTime() < deadline) {
            lag = count(standby, "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM"
                    + " pg_last_wal_replay_lsn() THEN 0 ELSE (EXTRACT(EPOCH FROM now() -"
                    + " pg_last_xact_replay_timestamp()) * 1000)::bigint END");
            if (lag >= min && lag <= max) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("standby lag " + lag + " ms never came within [" + min + ", " + max + "]");
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
