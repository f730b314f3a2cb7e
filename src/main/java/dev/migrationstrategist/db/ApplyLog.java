package dev.migrationstrategist.db;

import dev.migrationstrategist.secrets.Secrets;

import java.io.PrintStream;

/**
 * Where apply reports what it does: one line per event. {@link Applier} and {@link Rollbacker} hand every line
 * through {@link #scrubbed(ApplyLog, Secrets)}, so no password of the connection reaches a log.
 */
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

    /** {@code log} with every line, meter label and detail scrubbed of {@code secrets}. */
    static ApplyLog scrubbed(ApplyLog log, Secrets secrets) {
        return new ApplyLog() {
            @Override
            public void info(String line) {
                log.info(secrets.scrub(line));
            }

            @Override
            public Meter meter(String label, long total) {
                Meter meter = log.meter(secrets.scrub(label), total);
                return new Meter() {
                    @Override
                    public void update(long done, String detail) {
                        meter.update(done, secrets.scrub(detail));
                    }

                    @Override
                    public void close() {
                        meter.close();
                    }
                };
            }
        };
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
