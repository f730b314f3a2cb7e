package dev.migrationstrategist.db;

import java.io.PrintStream;

/** Where apply reports what it does: one line per event, passwords already scrubbed by the caller. */
public interface ApplyLog {
    void info(String line);

    /** A progress update; a terminal may redraw it in place. */
    default void progress(String line) {
        info(line);
    }

    static ApplyLog to(PrintStream out) {
        return out::println;
    }

    static ApplyLog silent() {
        return line -> { };
    }
}
