package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Application traffic for the rename users.name → full_name, as each app version writes: v1.0 writes only
 * {@code name}, v1.1 writes both, v1.2 writes only {@code full_name}. Each writer owns the ids {@code id % writers
 * == k}, so the expected last value of every row is known exactly.
 */
final class RenameWorkload implements AutoCloseable {
    enum Version { V1_0, V1_1, V1_2 }

    private final TestDatabase db;
    private final int writers;
    private final long baseRows;
    private final AtomicReference<Version> version = new AtomicReference<>(Version.V1_0);
    private final Map<Long, String> expected = new ConcurrentHashMap<>();
    private final AtomicLong nextInsertId;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicLong operations = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;

    RenameWorkload(TestDatabase db, int writers, long baseRows) {
        this.db = db;
        this.writers = writers;
        this.baseRows = baseRows;
        this.nextInsertId = new AtomicLong(baseRows + 1);
    }

    void start() {
        for (int k = 0; k < writers; k++) {
            int me = k;
            Thread t = new Thread(() -> loop(me), "writer-" + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void switchTo(Version v) {
        version.set(v);
    }

    private void loop(int me) {
        try (Connection c = db.newConnection()) {
            while (running) {
                Version v = version.get();
                try {
                    if (ThreadLocalRandom.current().nextInt(4) == 0) {
                        insert(c, v);
                    } else {
                        update(c, v, me);
                    }
                    operations.incrementAndGet();
                } catch (SQLException e) {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(v + ": " + e.getMessage());
                    }
                }
                Thread.sleep(1);
            }
        } catch (SQLException | InterruptedException e) {
            errors.incrementAndGet();
            errorSamples.add("connection: " + e.getMessage());
        }
    }

    private void insert(Connection c, Version v) throws SQLException {
        long id = nextInsertId.getAndIncrement();
        String value = "ins-" + id + "-" + v;
        String sql = switch (v) {
            case V1_0 -> "INSERT INTO users (id, name, email) VALUES (?, ?, ?)";
            case V1_1 -> "INSERT INTO users (id, name, full_name, email) VALUES (?, ?, ?, ?)";
            case V1_2 -> "INSERT INTO users (id, full_name, email) VALUES (?, ?, ?)";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, value);
            int i = 3;
            if (v == Version.V1_1) {
                ps.setString(i++, value);
            }
            ps.setString(i, "e" + id + "@example.com");
            ps.executeUpdate();
        }
        expected.put(id, value);
    }

    private void update(Connection c, Version v, int me) throws SQLException {
        long id = ThreadLocalRandom.current().nextLong(1, baseRows / writers) * writers + me;
        if (id < 1 || id > baseRows) {
            return;
        }
        String value = "upd-" + System.nanoTime() + "-" + v;
        String sql = switch (v) {
            case V1_0 -> "UPDATE users SET name = ? WHERE id = ?";
            case V1_1 -> "UPDATE users SET name = ?, full_name = ? WHERE id = ?";
            case V1_2 -> "UPDATE users SET full_name = ? WHERE id = ?";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            int i = 2;
            if (v == Version.V1_1) {
                ps.setString(i++, value);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
        expected.put(id, value);
    }

    Map<Long, String> expected() {
        return expected;
    }

    int errors() {
        return errors.get();
    }

    List<String> errorSamples() {
        return errorSamples;
    }

    long operations() {
        return operations.get();
    }

    long inserted() {
        return nextInsertId.get() - baseRows - 1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
