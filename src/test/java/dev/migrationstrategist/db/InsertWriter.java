package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application thread running an INSERT with fresh ids until stopped, 3 ms apart: every parameter of the statement
 * gets the row's id (from {@code firstId} up); no error may happen ({@link #stop}).
 */
final class InsertWriter implements AutoCloseable {
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    InsertWriter(TestDatabase db, String insert, long firstId, String name) {
        thread = new Thread(() -> {
            try (Connection c = db.newConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
                int parameters = ps.getParameterMetaData().getParameterCount();
                long id = firstId;
                while (running) {
                    try {
                        for (int i = 1; i <= parameters; i++) {
                            ps.setLong(i, id);
                        }
                        ps.executeUpdate();
                        id++;
                        written.incrementAndGet();
                    } catch (SQLException e) {
                        errors.add(e.getMessage());
                    }
                    Thread.sleep(3);
                }
            } catch (SQLException | InterruptedException e) {
                errors.add("writer: " + e.getMessage());
            }
        }, name);
        thread.start();
    }

    /** Stops the thread and returns how many rows it inserted: at least one, with no error. */
    long stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
        assertThat(errors).as("errors the application saw").isEmpty();
        assertThat(written.get()).isPositive();
        return written.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
