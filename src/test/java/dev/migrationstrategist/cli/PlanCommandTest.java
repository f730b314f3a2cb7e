package dev.migrationstrategist.cli;

import dev.migrationstrategist.report.JsonSchemaAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code strategist plan} run in-process: what it prints, what it writes and its exit code on success. */
class PlanCommandTest {
    static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name";
    static final String MD = "migration-strategist-report.md";
    static final String JSON = "migration-strategist-output.json";

    @TempDir
    static Path fixtures;
    static Path schema;

    @TempDir
    Path out;

    @BeforeAll
    static void writeSchema() throws Exception {
        schema = Files.writeString(fixtures.resolve("schema.sql"),
                "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT NOT NULL);\n");
    }

    private Cli plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--schema", schema.toString(), "--out", out.toString()));
        all.addAll(List.of(args));
        return Cli.run(all);
    }

    private String file(String name) throws Exception {
        return Files.readString(out.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void writesBothReportsIntoOutAndPrintsTheMarkdown() throws Exception {
        Cli run = plan("--sql", RENAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(MD, JSON);
        }
        assertThat(run.out()).isEqualTo(file(MD)).contains("### 🕰️ Step 1: Database Expand (Migration 1)");
        JsonSchemaAssert.assertValid(file(JSON));
    }

    @Test
    void createsANestedOutDirectory() throws Exception {
        Path nested = out.resolve("a/b");
        Cli run = Cli.run("plan", "--schema", schema.toString(), "--out", nested.toString(), "--print", "none",
                "--sql", RENAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(nested.resolve(MD)).isRegularFile();
        assertThat(nested.resolve(JSON)).isRegularFile();
    }

    @Test
    void printJsonPrintsExactlyTheJsonReport() throws Exception {
        Cli run = plan("--print", "json", "--sql", RENAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(file(JSON)).startsWith("{");
        JsonSchemaAssert.assertValid(run.out());
    }

    @Test
    void printNonePrintsNothingButStillWritesBoth() throws Exception {
        Cli run = plan("--print", "none", "--sql", RENAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(file(MD)).contains("## Rollback Strategy");
        JsonSchemaAssert.assertValid(file(JSON));
    }

    @Test
    void overwritesAnEarlierReport() throws Exception {
        Files.writeString(out.resolve(MD), "old report\n");
        Cli run = plan("--print", "none", "--sql", RENAME);
        assertThat(run.exitCode()).isZero();
        assertThat(file(MD)).doesNotContain("old report").contains("full_name");
    }

    @Test
    void aPhraseAnSqlFileAndSqlTextGiveTheSamePlan() throws Exception {
        Path change = Files.writeString(fixtures.resolve("change.sql"), RENAME + ";\n");
        String fromSql = plan("--print", "json", "--sql", RENAME).out();
        String fromFile = plan("--print", "json", change.toString()).out();
        String fromPhrase = plan("--print", "json", "rename column users.name to full_name").out();
        JsonSchemaAssert.assertValid(fromPhrase);
        assertThat(steps(fromFile)).isEqualTo(steps(fromSql));
        assertThat(steps(fromPhrase)).isEqualTo(steps(fromSql));
    }

    @Test
    void optionsReachThePlan() throws Exception {
        Cli run = plan("--print", "json", "--dialect", "mariadb:10.11", "--rows", "users=50000000",
                "--batch-size", "5000", "--lock-timeout", "500ms", "--app-version", "2.3", "--sql", RENAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonSchemaAssert.assertValid(run.out());
        assertThat(run.out()).contains("\"name\" : \"mariadb\"", "\"version\" : \"10.11\"", "\"users\" : 50000000",
                "\"batch_size\" : 5000", "\"lock_timeout_ms\" : 500", "\"app_version\" : \"v2.4\"",
                "SET SESSION lock_wait_timeout = 1;");
    }

    private static String steps(String json) {
        return json.substring(json.indexOf("\"steps\""), json.indexOf("\"guardrails\""));
    }
}
