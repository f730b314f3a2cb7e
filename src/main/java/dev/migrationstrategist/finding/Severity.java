package dev.migrationstrategist.finding;

import java.util.Locale;

/** How bad a finding is. {@code lint} fails the build on {@link #ERROR}. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
