package dev.migrationstrategist.cli;

import dev.migrationstrategist.report.JsonSchemaAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a real JVM process ({@code java -cp target/classes:... dev.migrationstrategist.cli.Main}),
 * run from a temporary working directory: the exit code the shell sees, and the default report directory.
 */
class CliProcessTest {
    static final Path SCHEMA = Path.of("examples/rename-column/schema.sql").toAbsolutePath();
    static final Path CHANGE = Path.of("examples/rename-column/change.sql").toAbsolutePath();

    @TempDir
    Path workDir;

    record Result(int exitCode, String out, String err) {
    }

    private Result strategist(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("strategist", ".out");
        Path stderr = Files.createTempFile("strategist", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("strategist finished within 60 s").isTrue();
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    @Test
    void planWritesBothReportsUnderDocsDatabaseReportOfTheWorkingDirectoryAndExitsZero() throws Exception {
        Result r = strategist("plan", "--dialect", "postgresql:15", "--schema", SCHEMA.toString(), CHANGE.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        Path reports = workDir.resolve("docs/database-report");
        String md = Files.readString(reports.resolve("migration-strategist-report.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("### ✂️ Step 5: Database Contract (Migration 2)");
        assertThat(r.out()).isEqualTo(md);
        JsonSchemaAssert.assertValid(Files.readString(reports.resolve("migration-strategist-output.json")));
    }

    @Test
    void invalidInputExitsTwoWithOneLineAndCreatesNoReportDirectory() throws Exception {
        Result r = strategist("plan", "--schema", SCHEMA.toString(), "--sql",
                "ALTER TABLE users RENAME COLUMN nope TO full_name");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "strategist: --sql:1:1: unknown column users.nope (table users has [id, name, email, created_at])");
        assertThat(r.out()).isEmpty();
        assertThat(workDir.resolve("docs")).doesNotExist();
    }

    @Test
    void badOptionExitsTwo() throws Exception {
        Result r = strategist("plan", "--batch-size", "0", "--schema", SCHEMA.toString(), CHANGE.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("strategist: --batch-size 0: must be a positive number of rows");
    }

    @Test
    void aUrlThePostgresDriverCannotParseIsNotEchoedWithItsPasswordByTheDriverLogOrTheError() throws Exception {
        // pgjdbc logs "JDBC URL contains too many / characters: <the URL>" through java.util.logging on stderr
        Result r = strategist("status", "--verbose", "--db",
                "jdbc:postgresql://postgres:PgUserAt@Info:xx/yy@127.0.0.1:5432/test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("strategist: --db jdbc:postgresql://postgres:***@127.0.0.1")
                .contains("cannot connect").doesNotContain("PgUserAt", "Info:xx", "xx/yy");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void lintWithDbSilencesTheDriverLogToo() throws Exception {
        // a lint without --db leaves java.util.logging alone (start-up); with it, as --db=URL, the log is off
        Result r = strategist("lint", "--db=jdbc:postgresql://postgres:PgUserAt@Info:xx/yy@127.0.0.1:5432/test",
                java.nio.file.Path.of("examples/lint-flyway").toAbsolutePath().toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("strategist: --db jdbc:postgresql://postgres:***@127.0.0.1")
                .contains("cannot connect").doesNotContain("PgUserAt", "Info:xx", "xx/yy");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void versionExitsZero() throws Exception {
        Result r = strategist("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Migration Strategist ");
    }
}
