package dev.migrationstrategist.plan;

import java.util.Locale;

/** Who keeps an old and a new column consistent while both exist. */
public enum SyncMode {
    /** A database trigger copies every write to the other column, both ways, until the contract (default). */
    TRIGGER,
    /** The application writes both columns itself until the contract. */
    APP;

    public String cliName() {
        return this == TRIGGER ? "trigger" : "app";
    }

    public static SyncMode parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "trigger", "db", "database" -> TRIGGER;
            case "app", "application" -> APP;
            default -> throw dev.migrationstrategist.error.StrategistException.invalidSetting("sync", " " + text + ": expected 'trigger' (default) or 'app'");
        };
    }
}
