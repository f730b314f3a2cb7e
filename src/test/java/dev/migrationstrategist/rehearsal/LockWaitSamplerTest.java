package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler sees a client that waits for a row lock held by another session, and only the clients it is given:
 * the holder (not a client) is never counted.
 */
class LockWaitSamplerTest {
    @Test
    @Tag("postgres")
    void postgresClientWaitingForARowLockIsSampled() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            sampleWait(db, "SELECT pg_backend_pid()");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbClientWaitingForARowLockIsSampled() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            sampleWait(db, "SELECT CONNECTION_ID()");
        }
    }

    private static void sampleWait(TestDatabase db, String sessionId) throws Exception {
        db.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, x INT)", "INSERT INTO t VALUES (1, 0)");
        Database database = new Database(db.jdbcUrl(), db.user(), db.password());
        Metrics metrics = new Metrics();
        metrics.begin("idle");
        try (Connection holder = db.newConnection(); Connection client = db.newConnection()) {
            long clientId;
            try (Statement st = client.createStatement(); ResultSet rs = st.executeQuery(sessionId)) {
                rs.next();
                clientId = rs.getLong(1);
            }
            try (LockWaitSampler sampler = new LockWaitSampler(database, Database.dialectOf(holder),
                    () -> List.of(clientId), metrics)) {
                Thread.sleep(200);
                metrics.begin("waiting");
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE t SET x = 1 WHERE id = 1");
                }
                CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                    try (Statement st = client.createStatement()) {
                        return st.executeUpdate("UPDATE t SET x = 2 WHERE id = 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // 1.5 s: the sampler's own connection may come up late on a loaded machine (a 600 ms hold was once
                // missed entirely in a CI run at full load)
                Thread.sleep(1_500);
                holder.commit();
                assertThat(blocked.get()).isEqualTo(1);
                metrics.end();
            }
        }
        List<PhaseStats> stats = metrics.stats();
        assertThat(stats.get(0).lockWaitMs()).as("nobody waits while idle").isZero();
        assertThat(stats.get(1).lockWaitMs()).as("the client waited about 1.5 s").isBetween(500L, 2_500L);
        assertThat(stats.get(1).maxLockWaitMs()).isBetween(500L, 3_000L);
        TimeSeries series = metrics.series(); // the same samples over time
        assertThat(series.windows().stream().mapToLong(TimeSeries.Window::lockWaitMs).sum())
                .isEqualTo(stats.get(0).lockWaitMs() + stats.get(1).lockWaitMs());
        TimeSeries.Span waiting = series.phases().get(1);
        assertThat(series.windows()).as("one client waits in the windows of the wait, nowhere before")
                .filteredOn(w -> w.endMs() <= waiting.startMs())
                .allSatisfy(w -> assertThat(w.lockWaitMs()).isZero());
        assertThat(series.windows().stream().mapToDouble(TimeSeries.Window::clientsWaiting)
                .filter(v -> !Double.isNaN(v)).max().orElse(0)).isEqualTo(1.0);
    }
}
