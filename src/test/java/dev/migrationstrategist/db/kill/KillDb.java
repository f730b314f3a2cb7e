package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server's view of apply's sessions. PostgreSQL: apply connects with {@code ApplicationName} set to a name
 * unique to the test scope. MariaDB: apply's sessions are those in the test database that the harness did not open
 * (their ids are known).
 */
final class KillDb implements AutoCloseable {
    private final TestDatabase db;
    private final boolean pg;
    private final String appName;
    private final List<Long> harnessSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Connection monitor;

    KillDb(TestDatabase db) throws SQLException {
        this.db = db;
        this.pg = db.family().equals("postgresql");
        this.appName = "kill_apply_" + db.scope();
        harnessSessions.add(sessionId(db.connection(), pg));
        this.monitor = open();
    }

    boolean pg() {
        return pg;
    }

    TestDatabase db() {
        return db;
    }

    /** The JDBC URL apply gets. */
    String applyUrl() {
        return pg ? db.jdbcUrl() + "&ApplicationName=" + appName : db.jdbcUrl();
    }

    void harness(List<Long> ids) {
        harnessSessions.addAll(ids);
    }

    Connection open() throws SQLException {
        Connection c = db.newConnection();
        harnessSessions.add(sessionId(c, pg));
        return c;
    }

    static long sessionId(Connection c, boolean pg) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(pg ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String others() {
        return harnessSessions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** How many sessions apply (or a killed apply) still has on the server. */
    long applySessions() throws SQLException {
        if (pg) {
            return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", appName);
        }
        return count("SELECT count(*) FROM information_schema.processlist WHERE db = ? AND id NOT IN (" + others()
                + ")", db.scope());
    }

    /**
     * True while one of apply's sessions waits for a lock that session {@code holder} holds. PostgreSQL names the
     * blocker ({@code pg_blocking_pids}). MariaDB does not for a metadata lock, so there a wait (for a metadata lock,
     * or an InnoDB row lock) must be seen three times 50 ms apart: the application's own transactions last a few ms,
     * only the holder's lasts.
     */
    boolean applyWaitsFor(long holder) throws SQLException, InterruptedException {
        if (pg) {
            return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND wait_event_type ="
                    + " 'Lock' AND " + holder + " = ANY (pg_blocking_pids(pid))", appName) > 0;
        }
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                Thread.sleep(50);
            }
            long metadata = count("SELECT count(*) FROM information_schema.processlist WHERE db = ? AND id NOT IN ("
                    + others() + ") AND state LIKE 'Waiting for%lock%'", db.scope());
            long row = count("SELECT count(*) FROM information_schema.innodb_trx t"
                    + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                    + " WHERE p.db = ? AND t.trx_state = 'LOCK WAIT' AND p.id NOT IN (" + others() + ")", db.scope());
            if (metadata + row == 0) {
                return false;
            }
        }
        return true;
    }

    /** What apply's sessions are doing (for messages). */
    String applyActivity() {
        try (PreparedStatement ps = monitor.prepareStatement(pg
                     ? "SELECT state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity"
                     + " WHERE application_name = ?"
                     : "SELECT command, state, time, left(info, 120) FROM information_schema.processlist"
                     + " WHERE db = ? AND id NOT IN (" + others() + ")")) {
            ps.setString(1, pg ? appName : db.scope());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + ": "
                            + rs.getString(4));
                }
            }
            return out.toString();
        } catch (SQLException e) {
            return "? " + e.getMessage();
        }
    }

    /** Waits until the server has let go of every session of a killed apply; false on timeout. */
    boolean awaitApplyGone(long millis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (applySessions() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private long count(String sql, String param) throws SQLException {
        try (PreparedStatement ps = monitor.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (SQLException ignored) {
            // the scope is dropped next
        }
    }
}
