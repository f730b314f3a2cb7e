package dev.migrationstrategist.db;

import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MariaDbDialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.dialect.Version;
import dev.migrationstrategist.secrets.Secrets;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a live database is: a JDBC URL with its credentials. The password is never printed: {@link #toString()}
 * and every error message use {@link #maskedUrl()} or {@link #scrub(String)}, which know every password of the
 * connection (the one given and those in the URL) through {@link Secrets}.
 */
public final class Database {
    private final String url;
    private final String user;
    private final String password;
    private final Secrets secrets;

    public Database(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.secrets = Secrets.in(url).and(Secrets.of(password));
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
            throw StrategistException.invalidSetting("db", " " + secrets.scrub(url) + ": expected a JDBC URL starting with"
                    + " jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:");
        }
        this.user = user;
        this.password = password;
    }

    /**
     * The same server and credentials at another URL derived from this one (another schema or database of it): the
     * URL itself is never handed out, so its password cannot leak through the caller.
     */
    public Database withUrl(java.util.function.UnaryOperator<String> derive) {
        return new Database(derive.apply(url), user, password);
    }

    /** The URL with any password replaced by {@code ***}. */
    public String maskedUrl() {
        return scrub(url);
    }

    /** {@link Secrets#mask(String)}: hides the passwords a text shows in a recognised form. */
    public static String mask(String text) {
        return Secrets.mask(text);
    }

    /** Removes every password of this connection (from the URL and as given) from a message before it is shown. */
    public String scrub(String message) {
        return secrets.scrub(message);
    }

    /** The passwords of this connection, to scrub what is shown or stored about it. */
    public Secrets secrets() {
        return secrets;
    }

    public Connection connect() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        // The MariaDB driver serves MySQL servers too; it takes its own scheme.
        String jdbc = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
        try {
            Connection c = DriverManager.getConnection(jdbc, props);
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw StrategistException.invalidSetting("db",
                    " " + maskedUrl() + ": cannot connect: " + scrub(firstLine(e.getMessage())));
        }
    }

    /**
     * Where the online schema-change tools should point for this database: the first host and port of the URL (the
     * engine's default port when the URL has none) and {@code database}, the schema or database the connection
     * works in. No user and no password.
     */
    public LiveTarget target(String database, int defaultPort) {
        java.util.regex.Matcher m = HOST.matcher(url);
        if (!m.find()) {
            return null;
        }
        String port = m.group(2);
        return new LiveTarget(m.group(1), port == null ? defaultPort : Integer.parseInt(port), database);
    }

    /** {@code jdbc:ENGINE://[userinfo@]HOST[:PORT][,more hosts]/...}: the first host (an IPv6 one in brackets). */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
            "^jdbc:[a-z]+:(?:[a-z]+:)?//(?:[^/@]*@)?(\\[[^\\]]+\\]|[^:/,?;]+)(?::(\\d+))?");

    /** The dialect and version of the server behind a connection. */
    public static Dialect dialectOf(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String banner = md.getDatabaseProductVersion();
        if (product.contains("postgres")) {
            return new PostgresDialect(Version.fromBanner(banner));
        }
        if (product.contains("mariadb") || banner.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return new MariaDbDialect(Version.fromBanner(banner));
        }
        if (product.contains("mysql")) {
            return new MySqlDialect(Version.fromBanner(banner));
        }
        throw StrategistException.invalid("unsupported database product '" + md.getDatabaseProductName() + "'");
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * A server error in one line: its first line and, where the server gave one, its detail (PostgreSQL's
     * {@code DETAIL}, which names the object that blocked the statement: "materialized view x depends on column a").
     */
    static String serverMessage(String message) {
        String first = firstLine(message);
        if (message == null) {
            return first;
        }
        String detail = message.lines().skip(1).map(String::strip)
                .filter(l -> l.regionMatches(true, 0, "Detail:", 0, 7))
                .map(l -> l.substring(7).strip()).findFirst().orElse(null);
        return detail == null || detail.isEmpty() ? first : first + " (DETAIL: " + detail + ")";
    }

    @Override
    public String toString() {
        return maskedUrl();
    }
}
