package dev.migrationstrategist.input;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the example schemas on the running local servers, dumps them with today's {@code pg_dump --schema-only} and
 * {@code mariadb-dump --no-data}, and reads the fresh dumps, so a change in the dump tools' output is caught. Skipped
 * only when the server does not answer or the dump tool is not installed.
 */
class LiveDumpTest {
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";

    @Test
    @Tag("postgres")
    void freshPgDumpReadsAsTheCommittedOne() throws Exception {
        String db = "strategist_dump_" + suffix();
        try (Connection admin = connect(PG_URL + "test", "postgres")) {
            execute(admin, "CREATE DATABASE " + db);
            try {
                try (Connection c = connect(PG_URL + db, "postgres")) {
                    for (SqlScript.Statement st : SqlScript.split(SchemaAssertions.resource("/dumps/postgres-source.sql"))) {
                        execute(c, st.sql());
                    }
                }
                String dump = run("pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "--schema-only", db);
                PgDumpSchemaTest.assertPgDumpModel(PgDumpSchemaTest.read(dump));
            } finally {
                execute(admin, "DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    @Test
    @Tag("mariadb")
    void freshMariadbDumpReadsAsTheCommittedOne() throws Exception {
        String db = "strategist_dump_" + suffix();
        try (Connection admin = connect(MARIADB_URL, "root")) {
            execute(admin, "CREATE DATABASE " + db);
            try {
                try (Connection c = connect(MARIADB_URL + db, "root")) {
                    for (SqlScript.Statement st
                            : SqlScript.split(SchemaAssertions.resource("/dumps/mariadb-source.sql"), true)) {
                        execute(c, st.sql());
                    }
                }
                String tool = onPath("mariadb-dump") ? "mariadb-dump" : "mysqldump";
                String dump = run(tool, "-h", "127.0.0.1", "-P", "3306", "-uroot", "--no-data", db);
                MysqlDumpSchemaTest.assertMariadbDumpModel(MysqlDumpSchemaTest.read(dump));
            } finally {
                execute(admin, "DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    private static Connection connect(String url, String user) {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            Assumptions.abort("live dump SKIPPED: no server at " + url + " (" + e.getMessage() + ")");
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath(command[0]), "live dump SKIPPED: " + command[0] + " is not installed");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(p.exitValue()).as(command[0] + " exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return dirs.stream().anyMatch(d -> new java.io.File(d, tool).canExecute());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
