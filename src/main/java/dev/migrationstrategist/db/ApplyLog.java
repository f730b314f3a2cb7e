package dev.migrationstrategist.db;

import java.io.PrintStream;

/** Where apply reports what it does: one line per event, passwords already scrubbed by the caller. */
public interface ApplyLog {
    void info(String line);

    /**
     * A meter for a long job (a backfill): a terminal draws a progress bar; the default prints a line every
     * two seconds.
     *
     * @param total the expected number of units, or 0 when unknown
     */
    default Meter meter(String label, long total) {
        return new Meter() {
            private long lastLine;

            @Override
            public void update(long done, String detail) {
                long now = System.nanoTime();
                if (now - lastLine > 2_000_000_000L) {
                    lastLine = now;
                    info("  " + label + ": " + String.format(java.util.Locale.US, "%,d", done)
                            + (total > 0 ? String.format(java.util.Locale.US, " / ~%,d (%.0f%%)", total,
                            Math.min(100.0, 100.0 * done / total)) : "") + " rows, " + detail);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    static ApplyLog to(PrintStream out) {
        return out::println;
    }

    static ApplyLog silent() {
        return line -> { };
    }

    /** Progress of one long job. */
    interface Meter extends AutoCloseable {
        /** @param detail rate, ETA, batch size: free text */
        void update(long done, String detail);

        @Override
        void close();
    }
}
