package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application writer threads for the under-load tests: each runs {@link #round} on its own connection, 5 ms apart,
 * until closed. A round that hits PostgreSQL's "cached plan must not change result type" (once after a column swap)
 * is repeated with freshly prepared statements, as the plan's release tells the apps to, and counted; every other
 * error is recorded in {@link #errors}.
 */
abstract class LoadWriters implements AutoCloseable {
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong operations = new AtomicLong();
    final AtomicLong inserted = new AtomicLong();
    final AtomicLong bigIds = new AtomicLong();
    final AtomicLong rePrepares = new AtomicLong();
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final TestDatabase db;
    private final int count;

    LoadWriters(TestDatabase db, int count) {
        this.db = db;
        this.count = count;
    }

    /** One application round on {@code c}: its writes and reads, counted in {@link #operations}. */
    abstract void round(Connection c) throws SQLException;

    void start() {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::loop, "writer-" + i);
            threads.add(t);
            t.start();
        }
    }

    /** Counts an inserted row and whether its generated id is beyond the INT range. */
    void insertedId(long id) {
        inserted.incrementAndGet();
        if (id > 2147483647L) {
            bigIds.incrementAndGet();
        }
    }

    private void loop() {
        try (Connection c = db.newConnection()) {
            while (running) {
                try {
                    round(c);
                } catch (SQLException e) {
                    if (String.valueOf(e.getMessage()).contains("cached plan must not change result type")) {
                        rePrepares.incrementAndGet();
                        continue; // the round is repeated with freshly prepared statements
                    }
                    errors.add(e.getMessage());
                }
                sleep(5);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (SQLException e) {
            errors.add("connect: " + e.getMessage());
        }
    }

    /** Sleeps {@code ms}, keeping an interrupt on the thread. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
