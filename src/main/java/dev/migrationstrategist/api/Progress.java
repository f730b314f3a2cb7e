package dev.migrationstrategist.api;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where {@link Operator} reports what it does while it applies or rolls back: one line per event, and a meter for a
 * long job (a backfill). Every line and detail is already scrubbed of the connection's passwords.
 */
public interface Progress {
    /** Nothing reported. */
    Progress NONE = line -> { };

    void info(String line);

    /**
     * A meter for a job of about {@code total} units (0: unknown). By default a line every two seconds through
     * {@link #info}; a terminal may draw a bar instead.
     */
    default Meter meter(String label, long total) {
        Progress self = this;
        return new Meter() {
            private long lastLine;

            @Override
            public void update(long done, String detail) {
                long now = System.nanoTime();
                if (now - lastLine > 2_000_000_000L) {
                    lastLine = now;
                    self.info("  " + label + ": " + String.format(Locale.US, "%,d", done)
                            + (total > 0 ? String.format(Locale.US, " / ~%,d (%.0f%%)", total,
                            Math.min(100.0, 100.0 * done / total)) : "") + " rows, " + detail);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Lines to {@code sink}, meters as lines every two seconds. */
    static Progress lines(Consumer<String> sink) {
        return sink::accept;
    }

    /** One running job's progress. */
    interface Meter extends AutoCloseable {
        void update(long done, String detail);

        @Override
        void close();
    }
}
