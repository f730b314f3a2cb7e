package dev.migrationstrategist.api;

import dev.migrationstrategist.db.ApplyLog;

/** Adapts the facade's {@link Progress} to the executor's log. */
final class Logs {
    private Logs() {
    }

    static ApplyLog of(Progress progress) {
        return new ApplyLog() {
            @Override
            public void info(String line) {
                progress.info(line);
            }

            @Override
            public ApplyLog.Meter meter(String label, long total) {
                Progress.Meter m = progress.meter(label, total);
                return new ApplyLog.Meter() {
                    @Override
                    public void update(long done, String detail) {
                        m.update(done, detail);
                    }

                    @Override
                    public void close() {
                        m.close();
                    }
                };
            }
        };
    }
}
