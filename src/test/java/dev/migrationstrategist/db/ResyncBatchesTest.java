package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.ResyncColumn;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-sync (the repair pass of an interrupted swap window) runs in the backfill's keyset batches: the operator's
 * batch size, the lock timeout as the row-lock wait too, retries with backoff when an application transaction holds a
 * row of the batch, any orderable key, and inside the caller's transaction for a transactional step.
 */
class ResyncBatchesTest {
    private static final ResyncColumn RESYNC = new ResyncColumn(Ident.of("t"), Ident.of("id"), Ident.of("b"), "a");

    @Test
    @Tag("mariadb")
    void aLockWaitInTheRepairPassIsRetriedNotFatalOnMariaDb() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            lockWaitRetried(db, "seq_1_to_1000", "seq");
        }
    }

    @Test
    @Tag("postgres")
    void aLockWaitInTheRepairPassIsRetriedNotFatalOnPostgres() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            lockWaitRetried(db, "generate_series(1, 1000) AS s(g)", "g");
        }
    }

    private static void lockWaitRetried(TestDatabase db, String series, String g) throws Exception {
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a bigint, b bigint)");
        db.execute("INSERT INTO t (id, a, b) SELECT " + g + ", " + g + ", " + g + " FROM " + series);
        db.execute("UPDATE t SET a = -a WHERE id % 100 = 0"); // 10 rows written without the sync trigger
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyOptions options = ApplyOptions.defaults().withLockTimeout(Duration.ofSeconds(1))
                .withRetries(30, Duration.ofMillis(100), Duration.ofMillis(300))
                .withBatching(100, Duration.ZERO, Duration.ZERO);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // an application transaction holding row 500 for longer than the lock timeout
        Thread app = new Thread(() -> {
            try (Connection c = db.newConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.executeQuery("SELECT * FROM t WHERE id = 500 FOR UPDATE").close();
                locked.countDown();
                release.await(30, TimeUnit.SECONDS);
                c.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        app.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        long changed;
        try (Connection c = ApplyScenario.database(db).connect()) {
            Dialect dialect = Database.dialectOf(c);
            try (ReplicaThrottle replicas = new ReplicaThrottle(List.of(), Duration.ofSeconds(1), log)) {
                changed = new BackfillRunner(c, dialect, new StateStore(c, dialect), options, log, replicas)
                        .resync(RESYNC, false);
            }
        } finally {
            release.countDown();
            app.join();
            releaser.join();
        }
        assertThat(changed).isEqualTo(10);
        assertThat(log.lines).anyMatch(l -> l.contains("re-sync of t.b, batch after") && l.contains("lock wait,"
                + " retrying"));
        assertThat(db.count("SELECT count(*) FROM t WHERE b <> a")).isZero();
    }

    /** In a transactional step the batches belong to the step's transaction: its rollback undoes them. */
    @Test
    @Tag("postgres")
    void insideATransactionTheBatchesCommitWithTheStep() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE t (id text PRIMARY KEY, a bigint, b bigint)");
            db.execute("INSERT INTO t (id, a, b) SELECT 'k' || lpad(g::text, 5, '0'), g, -g FROM"
                    + " generate_series(1, 250) AS s(g)");
            ApplyOptions options = ApplyOptions.defaults().withBatching(100, Duration.ZERO, Duration.ZERO);
            try (Connection c = ApplyScenario.database(db).connect()) {
                Dialect dialect = Database.dialectOf(c);
                try (ReplicaThrottle replicas = new ReplicaThrottle(List.of(), Duration.ofSeconds(1),
                        ApplyLog.silent())) {
                    BackfillRunner runner = new BackfillRunner(c, dialect, new StateStore(c, dialect), options,
                            ApplyLog.silent(), replicas);
                    c.setAutoCommit(false);
                    assertThat(runner.resync(RESYNC, true)).isEqualTo(250); // a text key works too
                    c.rollback();
                    c.setAutoCommit(true);
                    assertThat(db.count("SELECT count(*) FROM t WHERE b <> a")).isEqualTo(250);
                    assertThat(runner.resync(RESYNC, false)).isEqualTo(250);
                }
            }
            assertThat(db.count("SELECT count(*) FROM t WHERE b <> a")).isZero();
        }
    }
}
