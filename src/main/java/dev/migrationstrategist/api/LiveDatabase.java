package dev.migrationstrategist.api;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.error.StrategistException;

import java.util.Objects;

/**
 * A live database to read, apply to, roll back or rehearse on: a JDBC URL ({@code jdbc:postgresql://...},
 * {@code jdbc:mariadb://...}, {@code jdbc:mysql://...}), a user and a password (each may be null: then the URL's own).
 * Nothing connects until an operation runs. {@link #toString()} and every message show the URL with its password
 * masked.
 */
public final class LiveDatabase {
    private final Database database;
    private final String user;
    private final String password;

    private LiveDatabase(Database database, String user, String password) {
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** Refuses an empty or non-JDBC URL (setting {@code db}). */
    public static LiveDatabase of(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw StrategistException.invalidSetting("db", ": empty; expected a JDBC URL");
        }
        return new LiveDatabase(new Database(url.trim(), user, password), user, password);
    }

    /** A replica of this database, to watch during a backfill: its own URL, this one's user and password. */
    public LiveDatabase replica(String url) {
        if (url == null || url.isBlank()) {
            throw StrategistException.invalidSetting("replica", ": empty; expected a JDBC URL");
        }
        return new LiveDatabase(new Database(url.trim(), user, password), user, password);
    }

    /** The URL with its password replaced by {@code ***}. */
    public String maskedUrl() {
        return database.maskedUrl();
    }

    /** {@code message} with every password of this connection replaced by {@code ***}. */
    public String scrub(String message) {
        return database.scrub(message);
    }

    Database database() {
        return database;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveDatabase other && database.maskedUrl().equals(other.database.maskedUrl())
                && Objects.equals(user, other.user) && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(database.maskedUrl(), user);
    }

    @Override
    public String toString() {
        return maskedUrl();
    }
}
