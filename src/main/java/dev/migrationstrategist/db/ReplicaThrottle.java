package dev.migrationstrategist.db;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the backfill back while a known replica lags: before every batch each replica's lag is read, and while the
 * largest exceeds the bound the backfill sleeps and reads again, saying so in the log.
 *
 * <p>PostgreSQL standby: 0 when everything received is replayed, else {@code now() -
 * pg_last_xact_replay_timestamp()} (how old the last replayed transaction is while WAL waits to be replayed).
 * MySQL/MariaDB replica: {@code Seconds_Behind_Source} / {@code Seconds_Behind_Master} of {@code SHOW REPLICA
 * STATUS} (or {@code SHOW SLAVE STATUS}); NULL there (replication stopped or broken) counts as unknown, which
 * holds the backfill as a lag does.
 */
final class ReplicaThrottle implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(250);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final String PG_LAG = "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn()"
            + " IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0 ELSE"
            + " (EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint END";
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final ApplyLog log;
    private long pausedMillis;
    private int pauses;

    /** One replica and its open connection (reopened after an error). */
    private static final class Replica {
        final Database database;
        Connection connection;
        Dialect dialect;

        Replica(Database database) {
            this.database = database;
        }
    }

    ReplicaThrottle(List<Database> replicas, Duration maxLag, ApplyLog log) {
        this.replicas = replicas.stream().map(Replica::new).toList();
        this.maxLag = maxLag;
        this.log = log;
    }

    /** Connects to every replica and checks that it is one; an error names the replica. */
    void check() throws SQLException {
        for (Replica r : replicas) {
            r.connection = r.database.connect();
            r.dialect = Database.dialectOf(r.connection);
            Duration lag = r.dialect instanceof PostgresDialect ? postgresLag(r) : mysqlLag(r);
            log.info("  replica " + r.database.maskedUrl() + ": lag " + describe(lag) + " (backfill pauses above "
                    + maxLag.toMillis() + " ms)");
        }
    }

    /**
     * Returns once every replica lags at most the bound; sleeps and logs while one does not.
     *
     * @return whether it had to wait
     */
    boolean awaitReplicas() {
        if (replicas.isEmpty()) {
            return false;
        }
        long started = System.nanoTime();
        long lastLog = 0;
        boolean waited = false;
        while (true) {
            String behind = null;
            for (Replica r : replicas) {
                Duration lag = lag(r);
                if (lag == null || lag.compareTo(maxLag) > 0) {
                    behind = r.database.maskedUrl() + " lags " + describe(lag);
                    break;
                }
            }
            if (behind == null) {
                if (waited) {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    pausedMillis += ms;
                    log.info("  replicas caught up: backfill resumes after a pause of " + ms + " ms");
                }
                return waited;
            }
            if (!waited || System.nanoTime() - lastLog > LOG_EVERY_NANOS) {
                lastLog = System.nanoTime();
                log.info("  backfill paused: replica " + behind + " (more than " + maxLag.toMillis() + " ms)");
            }
            if (!waited) {
                pauses++;
                waited = true;
            }
            Retry.sleep(POLL);
        }
    }

    int pauses() {
        return pauses;
    }

    long pausedMillis() {
        return pausedMillis;
    }

    /** The replica's lag, or null when it cannot be told (replication stopped, replica unreachable). */
    private Duration lag(Replica r) {
        try {
            if (r.connection == null) {
                try {
                    r.connection = r.database.connect();
                } catch (StrategistException e) {
                    throw new SQLException(e.getMessage(), e);
                }
                r.dialect = Database.dialectOf(r.connection);
            }
            return r.dialect instanceof PostgresDialect ? postgresLag(r) : mysqlLag(r);
        } catch (SQLException e) {
            closeQuietly(r);
            log.info("  replica " + r.database.maskedUrl() + ": cannot read its lag ("
                    + r.database.scrub(Database.firstLine(e.getMessage())) + ")");
            return null;
        }
    }

    private static Duration postgresLag(Replica r) throws SQLException {
        try (Statement st = r.connection.createStatement(); ResultSet rs = st.executeQuery(PG_LAG)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw StrategistException.invalidSetting("replica", " " + r.database.maskedUrl() + ": not a standby"
                        + " (pg_is_in_recovery() is false)");
            }
            long ms = rs.getLong(2);
            return rs.wasNull() ? null : Duration.ofMillis(Math.max(0, ms));
        }
    }

    private static Duration mysqlLag(Replica r) throws SQLException {
        List<String> tried = new ArrayList<>();
        for (String sql : List.of("SHOW REPLICA STATUS", "SHOW SLAVE STATUS")) {
            try (Statement st = r.connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                if (!rs.next()) {
                    throw StrategistException.invalidSetting("replica", " " + r.database.maskedUrl() + ": not a replica ("
                            + sql + " is empty)");
                }
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i);
                    if (name.equalsIgnoreCase("Seconds_Behind_Source")
                            || name.equalsIgnoreCase("Seconds_Behind_Master")) {
                        long s = rs.getLong(i);
                        return rs.wasNull() ? null : Duration.ofSeconds(s);
                    }
                }
                throw StrategistException.invalidSetting("replica", " " + r.database.maskedUrl() + ": " + sql
                        + " has no Seconds_Behind column");
            } catch (SQLException e) {
                tried.add(sql + ": " + Database.firstLine(e.getMessage()));
            }
        }
        throw new SQLException(String.join("; ", tried));
    }

    private static String describe(Duration lag) {
        return lag == null ? "unknown (replication stopped or unreachable)" : lag.toMillis() + " ms";
    }

    private static void closeQuietly(Replica r) {
        if (r.connection != null) {
            try {
                r.connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            r.connection = null;
        }
    }

    @Override
    public void close() {
        replicas.forEach(ReplicaThrottle::closeQuietly);
    }
}
