package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Ident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;

/**
 * The simulated application: {@code clients} threads, each with its own connection and prepared statements (server
 * side on every engine), doing a mix of SELECT by key (40%), UPDATE by key (40%) and INSERT (20%) of an entity
 * with the columns of the app version it runs (an INSERT leaves the columns with a default out, a table without a
 * primary key gets inserts only, an entity's other tables are read by key and upserted),
 * each operation in its own transaction (as a {@code @Transactional} service method runs; in autocommit mode the
 * PostgreSQL driver silently re-prepares a statement whose result type changed, inside a transaction it cannot).
 * Client k owns the rows whose key is {@code k} modulo the number of clients, so the last value of every row it
 * wrote is known exactly ({@link Expected}); a read that does not return it counts as a stale read.
 */
final class Workload implements AutoCloseable {
    static final long THINK_MS = 2;

    private final Database database;
    private final Dialect dialect;
    private final int clients;
    private final long rows;
    private final Metrics metrics;
    private final Expected expected;
    private final AtomicReferenceArray<AppVersion> running;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Long> sessions = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;

    Workload(Database database, Dialect dialect, int clients, long rows, AppVersion initial,
             Metrics metrics, Expected expected) {
        this.database = database;
        this.dialect = dialect;
        this.clients = clients;
        this.rows = rows;
        this.metrics = metrics;
        this.expected = expected;
        this.running = new AtomicReferenceArray<>(clients);
        for (int k = 0; k < clients; k++) {
            running.set(k, initial);
        }
    }

    /** Connects every client (their session ids are then known to the lock sampler) and starts them. */
    void start() throws InterruptedException {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(clients);
        for (int k = 0; k < clients; k++) {
            int me = k;
            Thread t = new Thread(() -> run(me, ready), "rehearsal-client-" + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
    }

    List<Long> sessions() {
        synchronized (sessions) {
            return List.copyOf(sessions);
        }
    }

    /** Switches clients {@code from} (inclusive) to {@code to} (exclusive) to {@code version}. */
    void deploy(int from, int to, AppVersion version) {
        for (int k = from; k < to; k++) {
            running.set(k, version);
        }
    }

    int clients() {
        return clients;
    }

    private void run(int me, java.util.concurrent.CountDownLatch ready) {
        Connection c;
        try {
            c = database.connect();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    dialect instanceof PostgresDialect ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
                rs.next();
                sessions.add(rs.getLong(1));
            }
        } catch (SQLException | RuntimeException e) {
            Metrics.Recorder r = metrics.current();
            if (r != null) {
                r.error(database.scrub("connect " + e.getMessage()), 0);
            }
            ready.countDown();
            return;
        }
        ready.countDown();
        Client client = new Client(me, c);
        try (c) {
            c.setAutoCommit(false);
            while (!stop) {
                client.step();
                Thread.sleep(THINK_MS);
            }
        } catch (SQLException ignored) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client's state: its connection, its write counter and its inserted keys. */
    private final class Client {
        private final int me;
        private final Connection c;
        private final Map<String, Long> insertsByTable = new LinkedHashMap<>();
        private long seq;

        Client(int me, Connection c) {
            this.me = me;
            this.c = c;
        }

        /** One operation in its own transaction, as a request of a typical service runs (autocommit off). */
        void step() {
            Metrics.Recorder rec = metrics.current(); // before the version: a deploy switches versions, then phases
            AppVersion v = running.get(me);
            List<AppVersion.Shape> shapes = new ArrayList<>(v.tables().values());
            if (shapes.isEmpty()) {
                return; // the version no longer uses any table of the traffic
            }
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            AppVersion.Shape shape = shapes.get(rnd.nextInt(shapes.size()));
            int dice = rnd.nextInt(10);
            long t0 = System.nanoTime();
            try {
                Runnable committed = () -> { };
                if (!shape.keyed() || dice >= 8 && shape.inserts()) {
                    committed = insert(v, shape);
                } else if (dice < 4 || shape.updates().isEmpty()) {
                    select(v, shape, ownedRow(shape), rec);
                } else {
                    committed = update(v, shape, ownedRow(shape));
                }
                c.commit();
                committed.run();
                rec.ok(System.nanoTime() - t0);
            } catch (SQLException e) {
                rollback();
                rec.error(e, System.nanoTime() - t0);
            } catch (StaleRead e) {
                rollback();
                rec.staleRead(e.getMessage(), System.nanoTime() - t0);
            }
        }

        private void rollback() {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the next operation reports it
            }
        }

        private long ownedRow(AppVersion.Shape shape) {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            long inserted = insertsByTable.getOrDefault(shape.entity().lower(), 0L);
            if (inserted > 0 && rnd.nextInt(5) == 0) {
                return insertedId(rnd.nextLong(inserted));
            }
            long slots = Math.max(1, rows / clients);
            long id = rnd.nextLong(slots) * clients + me;
            return id < 1 ? clients : Math.min(id, rows);
        }

        private long insertedId(long j) {
            return rows + 1 + me + j * clients;
        }

        private void select(AppVersion v, AppVersion.Shape s, long id, Metrics.Recorder rec)
                throws SQLException, StaleRead {
            for (Map.Entry<Ident, List<AppVersion.Use>> g : AppVersion.Shape.byTable(s.table(), s.reads())
                    .entrySet()) {
                if (g.getValue().isEmpty()) {
                    continue;
                }
                String sql = "SELECT " + g.getValue().stream().map(u -> dialect.quote(u.column()))
                        .collect(Collectors.joining(", ")) + " FROM " + dialect.quote(g.getKey()) + " WHERE "
                        + where(s.keyColumns(g.getKey()));
                boolean home = g.getKey().sameAs(s.table());
                try {
                    read(s, id, sql, g.getValue(), home);
                } catch (SQLException e) {
                    if (!v.retriesOnResultTypeChange() || !"0A000".equals(e.getSQLState())) {
                        throw e;
                    }
                    rec.rePrepares.increment(); // the release told this version to re-prepare once
                    c.rollback();
                    read(s, id, sql, g.getValue(), home);
                }
            }
        }

        private void read(AppVersion.Shape s, long id, String sql, List<AppVersion.Use> cols, boolean home)
                throws SQLException, StaleRead {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindKey(ps, s, id, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        boolean written = home ? expected.knows(s.entity(), id) : cols.stream()
                                .anyMatch(u -> expected.value(s.entity(), id, u.field()) != null);
                        if (written) {
                            throw new StaleRead(s.table() + " row " + id + " written earlier is missing"
                                    + (home ? "" : " from " + cols.get(0).table()));
                        }
                        return;
                    }
                    for (int i = 0; i < cols.size(); i++) {
                        AppVersion.Use u = cols.get(i);
                        String want = expected.value(s.entity(), id, u.field());
                        if (want != null) {
                            String got = u.field().type().read(rs, i + 1);
                            if (!want.equals(got)) {
                                throw new StaleRead(u.table() + "." + u.column() + " read a value other than the"
                                        + " last one written");
                            }
                        }
                    }
                }
            }
        }

        /** Runs the UPDATE (and the upserts of the entity's other tables); returns what to record once committed. */
        private Runnable update(AppVersion version, AppVersion.Shape s, long id) throws SQLException {
            long n = ++seq;
            Map<Field, Object> values = new LinkedHashMap<>();
            s.updates().forEach(u -> values.computeIfAbsent(u.field(), f -> version.spelled(f, f.value(id, n, rows))));
            for (Map.Entry<Ident, List<AppVersion.Use>> g : AppVersion.Shape.byTable(s.table(), s.updates())
                    .entrySet()) {
                List<AppVersion.Use> cols = g.getValue();
                if (cols.isEmpty()) {
                    continue;
                }
                if (g.getKey().sameAs(s.table()) || s.keyColumns(g.getKey()).size() > 1) {
                    String sql = "UPDATE " + dialect.quote(g.getKey()) + " SET " + cols.stream()
                            .map(u -> dialect.quote(u.column()) + " = ?").collect(Collectors.joining(", "))
                            + " WHERE " + where(s.keyColumns(g.getKey()));
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < cols.size(); i++) {
                            Field f = cols.get(i).field();
                            f.type().bind(ps, i + 1, values.get(f));
                        }
                        bindKey(ps, s, id, cols.size() + 1);
                        if (ps.executeUpdate() == 0 && g.getKey().sameAs(s.table())) {
                            return () -> { }; // a row this client never saw (a key beyond the table)
                        }
                    }
                } else {
                    upsert(s, g.getKey(), cols, id, values);
                }
            }
            return () -> values.forEach((f, v) -> expected.wrote(s.entity(), id, f, f.type().canonical(v)));
        }

        /**
         * {@code INSERT ... ON CONFLICT / ON DUPLICATE KEY UPDATE} of the entity's row in another table, as an
         * app writing a split-off table upserts its row (a sync trigger may have created it).
         */
        private void upsert(AppVersion.Shape s, Ident table, List<AppVersion.Use> cols, long id,
                            Map<Field, Object> values) throws SQLException {
            List<Ident> keyCols = s.keyColumns(table);
            String sql = "INSERT INTO " + dialect.quote(table) + " (" + dialect.quoteAll(keyCols)
                    + cols.stream().map(u -> ", " + dialect.quote(u.column())).collect(Collectors.joining())
                    + ") VALUES (" + "?, ".repeat(keyCols.size()) + String.join(", ", java.util.Collections.nCopies(
                    cols.size(), "?")) + ") " + dialect.upsertTail(keyCols.get(0), cols.stream()
                    .map(AppVersion.Use::column).toList());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindKey(ps, s, id, 1);
                for (int i = 0; i < cols.size(); i++) {
                    Field f = cols.get(i).field();
                    f.type().bind(ps, keyCols.size() + i + 1, values.get(f));
                }
                ps.executeUpdate();
            }
        }

        /**
         * Runs the INSERT (the columns left to their default not named) and, for the entity's other tables, their
         * rows; returns what to record once it is committed.
         */
        private Runnable insert(AppVersion version, AppVersion.Shape s) throws SQLException {
            long j = insertsByTable.getOrDefault(s.entity().lower(), 0L);
            long id = insertedId(j);
            long n = ++seq;
            Map<Field, Object> values = new LinkedHashMap<>();
            s.inserted().forEach(u -> values.computeIfAbsent(u.field(), f -> version.spelled(f, f.value(id, n, rows))));
            for (Map.Entry<Ident, List<AppVersion.Use>> g : AppVersion.Shape.byTable(s.table(), s.inserted())
                    .entrySet()) {
                List<AppVersion.Use> cols = g.getValue();
                if (!g.getKey().sameAs(s.table())) {
                    if (!cols.isEmpty()) {
                        upsert(s, g.getKey(), cols, id, values);
                    }
                    continue;
                }
                List<Ident> keyCols = s.keyColumns(s.table());
                List<Ident> names = new ArrayList<>(keyCols);
                cols.forEach(u -> names.add(u.column()));
                String sql = "INSERT INTO " + dialect.quote(s.table()) + (names.isEmpty() ? " DEFAULT VALUES"
                        : " (" + dialect.quoteAll(names) + ") VALUES (" + String.join(", ",
                        java.util.Collections.nCopies(names.size(), "?")) + ")");
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bindKey(ps, s, id, 1);
                    for (int i = 0; i < cols.size(); i++) {
                        Field f = cols.get(i).field();
                        f.type().bind(ps, keyCols.size() + i + 1, values.get(f));
                    }
                    ps.executeUpdate();
                }
            }
            if (!s.keyed()) {
                return () -> insertsByTable.put(s.entity().lower(), j + 1); // a log: its rows are not read back
            }
            return () -> {
                insertsByTable.put(s.entity().lower(), j + 1);
                expected.inserted(s.entity(), id);
                values.forEach((f, v) -> expected.wrote(s.entity(), id, f, f.type().canonical(v)));
            };
        }

        private void bindKey(PreparedStatement ps, AppVersion.Shape s, long id, int from) throws SQLException {
            for (int i = 0; i < s.key().size(); i++) {
                Field f = s.key().get(i);
                f.type().bind(ps, from + i, f.keyValue(id));
            }
        }

        private String where(List<Ident> keyColumns) {
            return keyColumns.stream().map(k -> dialect.quote(k) + " = ?").collect(Collectors.joining(" AND "));
        }
    }

    /** A read that did not return the last value written. */
    private static final class StaleRead extends Exception {
        StaleRead(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
