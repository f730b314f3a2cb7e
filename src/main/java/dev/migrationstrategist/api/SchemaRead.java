package dev.migrationstrategist.api;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.input.Inputs;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.schema.Schema;

import java.nio.file.Path;

/**
 * A lint run's --schema file, read on a thread of its own while the run lists its files; {@link #join} waits for
 * it and rethrows what the read threw (a user error stays the one-line error it was).
 */
final class SchemaRead implements Runnable {
    private final SchemaReader reader;
    private final Path file;
    private final Thread thread;
    private Schema schema;
    private RuntimeException failed;
    private Error crashed;

    private SchemaRead(Dialect dialect, Path file) {
        this.reader = new SchemaReader(dialect);
        this.file = file;
        this.thread = new Thread(this, "strategist-schema");
        thread.setDaemon(true);
    }

    static SchemaRead start(Dialect dialect, Path file) {
        SchemaRead read = new SchemaRead(dialect, file);
        read.thread.start();
        return read;
    }

    @Override
    public void run() {
        try {
            schema = reader.read(Inputs.readSetting(file, "schema"), file.toString());
        } catch (RuntimeException e) {
            failed = e;
        } catch (Error e) {
            crashed = e;
        }
    }

    /** Waits for the read; the reader (its {@link SchemaReader#currentSchema}) once it succeeded. */
    SchemaReader join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join(); // happens-before: what run() wrote is seen here
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed != null) {
            throw failed;
        }
        if (crashed != null) {
            throw crashed;
        }
        return reader;
    }

    /** State A as the file gives it; after {@link #join}. */
    Schema schema() {
        return schema;
    }
}
