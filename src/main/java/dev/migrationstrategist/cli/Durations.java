package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.StrategistException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's duration syntax: a number with its unit, {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m},
 * {@code 1h}. A bare number is refused ({@code --lock-timeout 2} once meant 2 ms where 2 s was meant). Only the
 * syntax is checked here; the bounds are the settings' own ({@link dev.migrationstrategist.error.Limits}).
 */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

    private Durations() {
    }

    /** {@code text} as a duration; an unreadable one, or one without a unit, is invalid input naming {@code option}. */
    static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            if (t.matches("-?\\d+(\\.\\d+)?")) {
                throw StrategistException.invalid(option + " " + text + ": a duration needs a unit: " + t + "ms, "
                        + t + "s or " + t + "m");
            }
            throw StrategistException.invalid(option + " " + text
                    + ": expected a duration such as 2s or 500ms (units ms, s, m, h)");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            default -> 3_600_000;
        };
        BigDecimal millis = amount.multiply(BigDecimal.valueOf(unitMillis));
        if (millis.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw StrategistException.invalid(option + " " + text + ": too long");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw StrategistException.invalid(option + " " + text + ": finer than a millisecond");
        }
        return Duration.ofMillis(millis.longValueExact());
    }
}
