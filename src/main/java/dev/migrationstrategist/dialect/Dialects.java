package dev.migrationstrategist.dialect;

import dev.migrationstrategist.error.StrategistException;

import java.util.Locale;

/** Parses {@code NAME[:VERSION]} into a dialect. Defaults are current long-term-supported server versions. */
public final class Dialects {
    public static final String DEFAULT = "postgresql";
    public static final Version POSTGRESQL_DEFAULT = Version.of(17, 0, 0);
    public static final Version MYSQL_DEFAULT = Version.of(8, 4, 0);
    public static final Version MARIADB_DEFAULT = Version.of(11, 4, 0);

    private Dialects() {
    }

    public static Dialect parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw StrategistException.invalidSetting("dialect", ": empty; expected postgresql, mysql or mariadb, optionally with :VERSION");
        }
        String[] parts = spec.trim().split(":", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        Version version = null;
        if (parts.length == 2) {
            version = Version.parseOrNull(parts[1]);
            if (version == null) {
                throw StrategistException.invalidSetting("dialect", " " + spec + ": '" + parts[1]
                        + "' is not a server version (expected e.g. 15, 8.0 or 10.11)");
            }
        }
        return switch (name) {
            case "postgresql", "postgres", "pg" -> new PostgresDialect(version == null ? POSTGRESQL_DEFAULT : version);
            case "mysql" -> new MySqlDialect(version == null ? MYSQL_DEFAULT : version);
            case "mariadb", "maria" -> new MariaDbDialect(version == null ? MARIADB_DEFAULT : version);
            default -> throw StrategistException.invalidSetting("dialect", " " + spec + ": unknown dialect '" + parts[0]
                    + "' (expected postgresql, mysql or mariadb, optionally with :VERSION)");
        };
    }
}
