package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.report.JsonSchemaAssert;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code plan --db}: State A, the server version and the table sizes come from the live database. */
class PlanFromLiveDatabaseTest {

    @Test
    @Tag("postgres")
    void postgresPlanReadsTypesVersionAndSizesFromTheCatalog() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, handle varchar(40) NOT NULL)",
                    "INSERT INTO accounts SELECT g, 'h' || g FROM generate_series(1, 2000) g", "ANALYZE accounts");
            JsonNode plan = plan(db, "ALTER TABLE accounts RENAME COLUMN handle TO username");
            assertThat(plan.path("dialect").path("name").asText()).isEqualTo("postgresql");
            assertThat(plan.path("dialect").path("version").asText())
                    .startsWith(db.column("SHOW server_version_num").get(0).substring(0, 2));
            assertThat(plan.path("options").path("rows").path("accounts").asLong()).isEqualTo(2000);
            assertThat(plan.path("steps").get(0).path("sql").toString())
                    .contains("ALTER TABLE accounts ADD COLUMN username character varying(40)");
            // NOT NULL on the old column came from the catalog: the new column gets it in the constrain phase
            assertThat(plan.path("steps").toString()).contains("\"phase\":\"constrain\"");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbPlanReadsTypesVersionAndSizesFromTheCatalog() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, handle varchar(40) NOT NULL)",
                    "INSERT INTO accounts SELECT seq, CONCAT('h', seq) FROM seq_1_to_2000", "ANALYZE TABLE accounts");
            JsonNode plan = plan(db, "ALTER TABLE accounts RENAME COLUMN handle TO username");
            assertThat(plan.path("dialect").path("name").asText()).isEqualTo("mariadb");
            assertThat(plan.path("options").path("rows").path("accounts").asLong()).isBetween(1000L, 4000L);
            assertThat(plan.path("steps").get(0).path("sql").toString())
                    .contains("ALTER TABLE accounts ADD COLUMN username varchar(40)");
        }
    }

    @Test
    void aWrongUrlIsOneLineAndExit2WithoutThePassword() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "plan", "--db",
                "jdbc:postgresql://127.0.0.1:1/nope?user=x&password=s3cret", "--sql",
                "ALTER TABLE a RENAME COLUMN b TO c");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("cannot connect").doesNotContain("s3cret").contains("password=***");
    }

    private static JsonNode plan(TestDatabase db, String sql) throws Exception {
        Path dir = Files.createTempDirectory("plan-db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        if (db.password() == null || db.password().isEmpty()) {
            code = Main.run(new PrintWriter(out), new PrintWriter(err), "plan", "--db", db.jdbcUrl(), "--user",
                    db.user(), "--sql", sql, "--out", dir.toString(), "--print", "none");
        } else {
            throw new IllegalStateException("set a password-less test user for this test");
        }
        assertThat(code).as(err.toString()).isZero();
        String json = Files.readString(dir.resolve("migration-strategist-output.json"));
        JsonSchemaAssert.assertValid(json);
        return new ObjectMapper().readTree(json);
    }
}
