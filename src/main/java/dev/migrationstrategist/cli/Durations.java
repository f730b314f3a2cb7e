package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.StrategistException;

import java.time.Duration;
import java.util.Locale;

/**
 * The CLI's duration syntax: {@code 500ms}, {@code 2s}, {@code 1.5s}, or a bare number of milliseconds. Only the
 * syntax is checked here; the bounds are the option records' ({@link dev.migrationstrategist.error.Limits}).
 */
final class Durations {
    private Durations() {
    }

    /** {@code text} as a duration; an unreadable one is invalid input naming {@code option}. */
    static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                double seconds = Double.parseDouble(t.substring(0, t.length() - 1).trim());
                if (!Double.isFinite(seconds)) {
                    throw new NumberFormatException(t);
                }
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw StrategistException.invalid(option + " " + text + ": expected a duration such as 2s or 500ms");
        }
    }
}
