package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Samples, every 50 ms (PostgreSQL) or 150 ms (MySQL/MariaDB), which client sessions wait for a lock, and adds the
 * waiting time to the current phase. PostgreSQL: {@code pg_stat_activity.wait_event_type = 'Lock'} (heavyweight locks: table, row,
 * transaction id). MySQL/MariaDB: a PROCESSLIST state that mentions a lock (metadata or table lock) or an InnoDB
 * transaction in {@code LOCK WAIT} (row locks). InnoDB refreshes INNODB_TRX only when it was last read more than
 * 0.1 s before: sampling it faster would freeze it, hence the longer interval there. Only reads the server's
 * activity views.
 */
final class LockWaitSampler implements AutoCloseable {
    static final long PG_INTERVAL_MS = 50;
    static final long MYSQL_INTERVAL_MS = 150;

    private final Thread thread;
    private final long interval;
    private volatile boolean running = true;

    LockWaitSampler(Database database, Dialect dialect, Supplier<List<Long>> sessions, Metrics metrics) {
        interval = dialect instanceof PostgresDialect ? PG_INTERVAL_MS : MYSQL_INTERVAL_MS;
        String sql = dialect instanceof PostgresDialect
                ? "SELECT count(*), coalesce(max(extract(epoch FROM clock_timestamp() - query_start) * 1000), 0)"
                  + " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid IN (%s)"
                : "SELECT count(*), coalesce(max(p.TIME_MS), 0) FROM information_schema.PROCESSLIST p"
                  + " WHERE p.ID IN (%s) AND (lower(p.STATE) LIKE '%%lock%%' OR p.ID IN"
                  + " (SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
                  + " WHERE t.trx_state = 'LOCK WAIT'))";
        thread = new Thread(() -> loop(database, sql, sessions, metrics), "rehearsal-lock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Database database, String sql, Supplier<List<Long>> sessions, Metrics metrics) {
        try (Connection c = database.connect()) {
            while (running) {
                List<Long> ids = sessions.get();
                if (!ids.isEmpty()) {
                    String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
                    try (PreparedStatement ps = c.prepareStatement(String.format(sql, in));
                         ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long waiting = rs.getLong(1);
                        long longest = Math.round(rs.getDouble(2));
                        Metrics.Recorder r = metrics.current();
                        if (r != null) {
                            r.lockSample(waiting, interval, longest);
                        }
                    }
                }
                Thread.sleep(interval);
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println(database.scrub("rehearse: lock-wait sampling stopped: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}
