package dev.migrationstrategist.db.kill;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Another session holding locks in an open transaction, as an application transaction left idle after a write
 * would: PostgreSQL {@code REPEATABLE READ} (its snapshot makes a concurrent index build wait too), {@code LOCK TABLE
 * t IN ROW EXCLUSIVE MODE} on every table and the row with the smallest key {@code FOR UPDATE}; MariaDB a
 * transaction that read every table's smallest row {@code FOR UPDATE} (a metadata lock every DDL on it waits for,
 * and a row lock the first backfill batch waits for). Taken with a 1 s lock timeout: when apply itself already
 * holds the table (inside its transaction, or its LOCK TABLES window), it cannot be taken.
 */
final class LockHolder implements AutoCloseable {
    private final Connection connection;
    private final long session;

    private LockHolder(Connection connection, long session) {
        this.connection = connection;
        this.session = session;
    }

    /** The holder's server-side session id. */
    long session() {
        return session;
    }

    /** Takes the locks, or returns null (nothing held) when they could not be had within the timeout. */
    static LockHolder take(KillDb db, List<String> tables, UnaryOperator<String> key) throws SQLException {
        Connection c = db.open();
        try (Statement st = c.createStatement()) {
            if (db.pg()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                st.execute("SET LOCAL lock_timeout = '1s'");
                for (String t : tables) {
                    st.execute("LOCK TABLE " + t + " IN ROW EXCLUSIVE MODE");
                    st.executeQuery("SELECT " + key.apply(t) + " FROM " + t + " ORDER BY " + key.apply(t)
                            + " LIMIT 1 FOR UPDATE").close();
                }
            } else {
                st.execute("SET SESSION lock_wait_timeout = 1");
                st.execute("SET SESSION innodb_lock_wait_timeout = 1");
                c.setAutoCommit(false);
                for (String t : tables) {
                    st.executeQuery("SELECT " + key.apply(t) + " FROM " + t + " ORDER BY " + key.apply(t)
                            + " LIMIT 1 FOR UPDATE").close();
                }
            }
            return new LockHolder(c, KillDb.sessionId(c, db.pg()));
        } catch (SQLException e) {
            try {
                c.rollback();
            } finally {
                c.close();
            }
            return null;
        }
    }

    /** Ends the transaction: the locks are released. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
