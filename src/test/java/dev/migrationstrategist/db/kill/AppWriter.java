package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application during the migration: {@value #THREADS} writer threads, each running the app version deployed on
 * its "instance", inserting, updating and reading back rows through JDBC and recording in the {@link Ledger} every
 * write it saw commit. A release is deployed instance by instance ({@link #deploy}), so two adjacent versions run
 * side by side for a moment, as in a rolling deploy. Each thread owns the seeded rows {@code id % THREADS == k}
 * (never the first seeded key; the lock-wait variant row-locks the smallest key of each table), so the last value of every row is known exactly.
 */
final class AppWriter implements AutoCloseable {
    static final int THREADS = 2;

    /** One app version's behaviour: one operation (insert, update or read) per call. */
    interface Version {
        void op(Ctx ctx) throws SQLException;
    }

    private final KillScenario scenario;
    private final TestDatabase db;
    private final boolean pg;
    private final int rows;
    private final Ledger ledger = new Ledger();
    private final String[] versions = new String[THREADS];
    private final Map<String, AtomicLong> nextIds = new ConcurrentHashMap<>();
    private final List<Long> connectionIds = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong operations = new AtomicLong();
    private volatile boolean running = true;

    AppWriter(KillScenario scenario, TestDatabase db, int rows) {
        this.scenario = scenario;
        this.db = db;
        this.pg = db.family().equals("postgresql");
        this.rows = rows;
    }

    Ledger ledger() {
        return ledger;
    }

    /** The server-side ids of the writer's sessions (to tell them from apply's). */
    List<Long> connectionIds() {
        return connectionIds;
    }

    long operations() {
        return operations.get();
    }

    void start(String version) throws SQLException {
        for (int k = 0; k < THREADS; k++) {
            versions[k] = version;
            Connection c = db.newConnection();
            connectionIds.add(KillDb.sessionId(c, pg));
            Ctx ctx = new Ctx(this, k, c, new Random(31L * k + System.nanoTime()));
            Thread t = new Thread(() -> loop(ctx), "kill-writer-" + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Rolling deploy: instance after instance switches to {@code version}, both versions run in between. */
    void deploy(String version) throws InterruptedException {
        for (int k = 0; k < THREADS; k++) {
            versions[k] = version;
            Thread.sleep(150);
        }
    }

    private void loop(Ctx ctx) {
        try (Connection c = ctx.connection) {
            while (running) {
                String v = versions[ctx.thread];
                try {
                    scenario.version(v, pg).op(ctx);
                    operations.incrementAndGet();
                } catch (SQLException e) {
                    if (scenario.announced(e, pg)) {
                        ledger.announcedError();
                    } else {
                        ledger.error(v + " [" + e.getSQLState() + "] " + firstLine(e.getMessage()));
                    }
                    try {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                            c.setAutoCommit(true);
                        }
                    } catch (SQLException ignored) {
                        // the next statement reports it
                    }
                }
                Thread.sleep(3);
            }
        } catch (SQLException | InterruptedException e) {
            ledger.error("connection: " + e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").trim();
    }

    /** What a version's operation works with. */
    static final class Ctx {
        final AppWriter writer;
        final int thread;
        final Connection connection;
        final Random random;

        Ctx(AppWriter writer, int thread, Connection connection, Random random) {
            this.writer = writer;
            this.thread = thread;
            this.connection = connection;
            this.random = random;
        }

        boolean pg() {
            return writer.pg;
        }

        /** 0..99, to pick the operation. */
        int dice() {
            return random.nextInt(100);
        }

        /** A seeded row this thread owns: id 10 * i, i in 2..rows, i % THREADS == thread (never the first). */
        long owned() {
            while (true) {
                long i = 2 + random.nextInt(writer.rows - 1);
                if (i % THREADS == thread) {
                    return 10 * i;
                }
            }
        }

        int seededRows() {
            return writer.rows;
        }

        /** A fresh id for an insert into {@code table}: the next one that is not a multiple of 10 (not seeded). */
        long newId(String table) {
            AtomicLong next = writer.nextIds.computeIfAbsent(table, t -> new AtomicLong(1));
            while (true) {
                long id = next.getAndIncrement();
                if (id % 10 != 0) {
                    return id;
                }
            }
        }

        /**
         * Runs one write (one statement, or several in one transaction when {@code transaction}) and records the
         * row's new logical values once it committed; a failure leaves the row's outcome unknown.
         */
        void write(String key, List<Object> values, boolean transaction, Sql action) throws SQLException {
            List<List<Object>> before = writer.ledger.written(key);
            if (before == null) {
                List<Object> seeded = writer.scenario.seeded(key, writer.rows);
                before = List.of(seeded == null ? Ledger.ABSENT : seeded);
            }
            try {
                if (transaction) {
                    connection.setAutoCommit(false);
                }
                action.run(connection);
                if (transaction) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException | RuntimeException e) {
                writer.ledger.unknown(key, before, values);
                throw e;
            }
            writer.ledger.committed(key, values);
        }

        /**
         * An insert whose id the database gives (an identity or sequence default): {@code action} returns it, and the
         * row is recorded under it once committed. An id the ledger already holds (seeded or written) was given out
         * twice, which is a failure of its own.
         */
        void insertNumbered(String table, List<Object> values, SqlReturningId action) throws SQLException {
            long id = action.run(connection);
            String key = table + ":" + id;
            if (writer.ledger.written(key) != null || writer.scenario.seeded(key, writer.rows) != null) {
                throw new SQLException("id " + id + " of " + table + " given out twice", "KT003");
            }
            writer.ledger.committed(key, values);
        }

        /**
         * Reads a row with {@code query} (one parameter: the id) and compares what it returns with the ledger's
         * logical values at {@code columns} (all of them when none are given).
         */
        void read(String key, long id, String query, int... columns) throws SQLException {
            List<String> got = null;
            try (PreparedStatement ps = connection.prepareStatement(query)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        got = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            got.add(rs.getString(i));
                        }
                    }
                }
            }
            writer.ledger.read();
            List<List<Object>> want = writer.ledger.written(key);
            if (want == null) {
                List<Object> seeded = writer.scenario.seeded(key, writer.rows);
                want = List.of(seeded == null ? Ledger.ABSENT : seeded);
            }
            List<String> actual = got;
            boolean ok = want.stream().anyMatch(w -> Ledger.matches(pick(w, columns), actual));
            if (!ok) {
                throw new SQLException("read " + key + ": got " + got + ", last committed " + want, "KT001");
            }
        }

        private static List<Object> pick(List<Object> values, int[] columns) {
            if (values == Ledger.ABSENT || columns.length == 0) {
                return values;
            }
            List<Object> out = new ArrayList<>();
            for (int c : columns) {
                out.add(values.get(c));
            }
            return out;
        }
    }

    /** A JDBC action. */
    interface Sql {
        void run(Connection c) throws SQLException;
    }

    /** A JDBC action that returns the id the database gave. */
    interface SqlReturningId {
        long run(Connection c) throws SQLException;
    }

    /** Runs one {@code INSERT ... RETURNING <id>} with String parameters and returns the id. */
    static long returningId(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no id returned: " + sql, "KT004");
                }
                return rs.getLong(1);
            }
        }
    }

    /** Runs one prepared statement with the given parameters (Long, Integer, String or null as VARCHAR). */
    static int exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (p instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, p.toString());
                }
            }
            return ps.executeUpdate();
        }
    }

    /** {@link #exec} for an UPDATE of a row that must exist: a row the app owns and cannot find is lost. */
    static void exec1(Connection c, String sql, Object... params) throws SQLException {
        int n = exec(c, sql, params);
        if (n != 1) {
            throw new SQLException("expected 1 row, " + n + " changed: " + sql, "KT002");
        }
    }
}
