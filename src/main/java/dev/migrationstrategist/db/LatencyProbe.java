package dev.migrationstrategist.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the application feels while the backfill runs: on a connection of its own, every {@link #INTERVAL} a tiny
 * synchronous commit (one row of the tool's table {@code strategist_probe}, {@code UPDATE ... SET n = n + 1}, with
 * the server's default durability: the WAL / redo log flush an application's commit waits for), timed from the
 * client. The backfill's pace is set from these samples ({@link Pacer}). A failed probe (a lost connection) stops the
 * probe, and the pacer then holds the last pace; it never fails the backfill.
 */
final class LatencyProbe implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(20);

    /** One probe commit: when it started ({@link System#nanoTime()}) and how long it took. */
    record Sample(long atNanos, double millis) {
    }

    private final Connection connection;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    /** When the probe commit in flight started ({@link System#nanoTime()}), 0 when none is. */
    private volatile long inFlightSince;

    private LatencyProbe(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "strategist-latency-probe");
        this.thread.setDaemon(true);
    }

    /** Creates the probe table if missing and starts probing on {@code connection} (which the probe then owns). */
    static LatencyProbe start(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + StateStore.PROBE_TABLE
                    + " (id INT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)");
            boolean present;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + StateStore.PROBE_TABLE + " WHERE id = 1")) {
                present = rs.next() && rs.getLong(1) > 0;
            }
            if (!present) {
                try {
                    st.execute("INSERT INTO " + StateStore.PROBE_TABLE + " (id, n) VALUES (1, 0)");
                } catch (SQLException raced) {
                    // another apply inserted it meanwhile: the row is there either way
                }
            }
        }
        LatencyProbe probe = new LatencyProbe(connection);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + StateStore.PROBE_TABLE
                + " SET n = n + 1 WHERE id = 1")) {
            long next = System.nanoTime();
            while (running) {
                long t0 = System.nanoTime();
                inFlightSince = t0;
                ps.executeUpdate();
                inFlightSince = 0;
                samples.add(new Sample(t0, (System.nanoTime() - t0) / 1e6));
                next += INTERVAL.toNanos();
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } else {
                    next = System.nanoTime(); // a slow commit: no burst to catch up
                }
            }
        } catch (SQLException | InterruptedException e) {
            running = false;
        }
    }

    /** How long the probe commit in flight has been waiting (ms), 0 when none is. */
    double inFlightMillis() {
        long since = inFlightSince;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e6;
    }

    boolean alive() {
        return running;
    }

    /** The latencies (ms) of the probes that started at or after {@code sinceNanos}. */
    List<Double> since(long sinceNanos) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.atNanos() >= sinceNanos).map(Sample::millis).toList();
        }
    }

    /** Every sample so far, in order. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * The baseline: the p99 of the probes over {@code window}, taken before the first batch (nothing of the backfill
     * runs meanwhile). NaN when the probe died.
     */
    double baseline(Duration window) {
        long from = System.nanoTime();
        Retry.sleep(window);
        List<Double> w = since(from);
        return w.isEmpty() ? Double.NaN : percentile(w, 0.99);
    }

    /** The nearest-rank percentile of the values (0 when there are none). */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.max(0, Math.min(s.size() - 1, (int) Math.ceil(s.size() * p) - 1)));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a probe connection cannot fail the backfill
        }
    }
}
