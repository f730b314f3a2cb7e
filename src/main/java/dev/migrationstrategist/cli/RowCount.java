package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.StrategistException;

/** One {@code --rows TABLE=N} value, read with a message that names the flag and what was wrong. */
record RowCount(String table, long rows) {
    static RowCount parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw StrategistException.invalid("--rows " + text + ": expected TABLE=N, e.g. --rows users=50000000");
        }
        String table = text.substring(0, eq).trim();
        String number = text.substring(eq + 1).trim().replace("_", "");
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw StrategistException.invalid("--rows " + text + ": '" + text.substring(eq + 1)
                    + "' is not a row count (expected a whole number, e.g. " + table + "=50000000)");
        }
        if (n < 0) {
            throw StrategistException.invalid("--rows " + text + ": a row count cannot be negative");
        }
        return new RowCount(table, n);
    }
}
