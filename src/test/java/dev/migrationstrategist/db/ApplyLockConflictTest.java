package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another session holds a lock that conflicts with the expand DDL. apply times out, retries with backoff, and all
 * the while a concurrent reader is never blocked longer than the lock timeout plus a margin; once the lock is
 * released the step succeeds.
 */
class ApplyLockConflictTest {
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);
    static final long MARGIN_MS = 400;

    @Test
    @Tag("postgres")
    void postgresDdlWaitingForALockNeverQueuesReadersLongerThanTheTimeout() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            run(db, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbDdlWaitingForAMetadataLockNeverQueuesReadersLongerThanTheTimeout() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            run(db, "mariadb:10.11");
        }
    }

    private void run(TestDatabase db, String dialect) throws Exception {
        ApplyScenario.seed(db, 1_000);
        Path plan = ApplyScenario.writePlan(dialect, ApplyScenario.tempDir());
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyOptions options = ApplyOptions.defaults().withLockTimeout(LOCK_TIMEOUT)
                .withRetries(60, Duration.ofMillis(100), Duration.ofMillis(400));
        AtomicLong worstReadMs = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        try (Connection holder = db.newConnection(); Connection reader = db.newConnection()) {
            // A long transaction that has read the table: it holds a shared lock until it ends.
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
                rs.next();
            }
            CompletableFuture<Void> probes = CompletableFuture.runAsync(() -> {
                try (Statement st = reader.createStatement()) {
                    while (reading.get()) {
                        long t0 = System.nanoTime();
                        try (ResultSet rs = st.executeQuery("SELECT name FROM users WHERE id = 42")) {
                            rs.next();
                        }
                        worstReadMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<ApplyResult> apply = CompletableFuture.supplyAsync(() ->
                    new Applier(ApplyScenario.database(db), options, log).apply(PlanFile.read(plan), plan.toString()));
            Thread.sleep(2_500);
            assertThat(apply).isNotDone();
            assertThat(log.contains("lock timeout (attempt")).as(String.join("\n", log.lines)).isTrue();
            holder.commit(); // release
            ApplyResult result = apply.get(30, TimeUnit.SECONDS);
            Thread.sleep(200);
            reading.set(false);
            probes.get(10, TimeUnit.SECONDS);
            assertThat(result.ran()).containsExactly(1);
            assertThat(db.columns("users")).contains("full_name");
        }
        // lock_wait_timeout counts whole seconds on MySQL/MariaDB: 300 ms becomes 1 s there.
        long effective = db.family().equals("postgresql") ? LOCK_TIMEOUT.toMillis() : 1_000;
        assertThat(worstReadMs.get()).as("worst latency of a plain read while the DDL waited")
                .isLessThanOrEqualTo(effective + MARGIN_MS);
    }
}
