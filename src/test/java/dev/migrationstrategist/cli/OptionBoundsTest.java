package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every option out of its bounds is a user error before anything touches a database: one line naming the option
 * and the value, exit 2, no stack trace, no report folder. The --db of the table below answers nothing (port 1), so
 * a command that connected before checking its options would say "cannot connect" instead; the tests at the end use
 * a real database and check that nothing was created there.
 */
class OptionBoundsTest {
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/sec_nowhere";
    private static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name";
    private static final String SCHEMA = "examples/rename-column/schema.sql";

    @TempDir
    static Path dir;
    private static Path plan;

    @BeforeAll
    static void writePlan() {
        Path out = dir.resolve("plan");
        Cli run = Cli.run("plan", "--dialect", "postgresql:15", "--schema", SCHEMA, "--sql", RENAME,
                "--out", out.toString(), "--print", "none");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        plan = out.resolve("migration-strategist-output.json");
    }

    static Stream<Arguments> outOfBounds() {
        return Stream.of(
                plan("--batch-size 0: must be a positive number of rows", "--batch-size", "0"),
                plan("--batch-size -5: must be a positive number of rows", "--batch-size", "-5"),
                plan("--batch-size 2000000: must be between 1 and 1000000", "--batch-size", "2000000"),
                plan("--lock-timeout 0ms: must be at least 1 ms", "--lock-timeout", "0ms"),
                plan("--lock-timeout -1s: must be at least 1 ms", "--lock-timeout", "-1s"),
                plan("--lock-timeout 660s: must be at most 600s", "--lock-timeout", "660s"),
                plan("--lock-timeout 1e400s: expected a duration such as 2s or 500ms", "--lock-timeout", "1e400s"),
                plan("--large-table-rows -1: cannot be negative", "--large-table-rows", "-1"),
                plan("--rows users=-1: a row count cannot be negative", "--rows", "users=-1"),
                plan("--app-version x: expected a version such as 1.0", "--app-version", "x"),
                apply("--pause -1s: cannot be negative", "--pause", "-1s", "--dry-run"),
                apply("--pause -1ms: cannot be negative", "--pause", "-1ms"),
                apply("--pause 120s: must be at most 60s", "--pause", "120s"),
                apply("--pause abc: expected a duration such as 2s or 500ms", "--pause", "abc"),
                apply("--batch-target -5ms: cannot be negative", "--batch-target", "-5ms"),
                apply("--batch-target 61s: must be at most 60s", "--batch-target", "61s"),
                apply("--batch-size 0: must be a positive number of rows", "--batch-size", "0"),
                apply("--batch-size -1: must be a positive number of rows", "--batch-size", "-1"),
                apply("--batch-size 1000001: must be between 1 and 1000000", "--batch-size", "1000001"),
                apply("--max-attempts 0: must be between 1 and 1000", "--max-attempts", "0"),
                apply("--max-attempts -3: must be between 1 and 1000", "--max-attempts", "-3"),
                apply("--max-attempts 1001: must be between 1 and 1000", "--max-attempts", "1001"),
                apply("'--max-attempts': 'x' is not an int", "--max-attempts", "x"),
                apply("--max-replica-lag 0ms: must be at least 1ms", "--max-replica-lag", "0ms"),
                apply("--max-replica-lag -1s: must be at least 1ms", "--max-replica-lag", "-1s"),
                apply("--max-replica-lag 7200s: must be at most 3600s", "--max-replica-lag", "7200s"),
                apply("--lock-timeout 0ms: must be at least 1 ms", "--lock-timeout", "0ms"),
                apply("--lock-timeout -2s: must be at least 1 ms", "--lock-timeout", "-2s"),
                apply("--lock-timeout 601s: must be at most 600s", "--lock-timeout", "601s"),
                apply("--through nope: expected one of", "--through", "nope"),
                apply("--max-latency-ratio 0.5: must be between 1.1 and 100.0 (or off)", "--max-latency-ratio", "0.5"),
                apply("--max-latency-ratio 1.0: must be between 1.1 and 100.0 (or off)", "--max-latency-ratio", "1"),
                apply("--max-latency-ratio -2.0: must be between 1.1 and 100.0 (or off)", "--max-latency-ratio", "-2"),
                apply("--max-latency-ratio 1000.0: must be between 1.1 and 100.0 (or off)", "--max-latency-ratio",
                        "1000"),
                apply("--max-latency-ratio fast: expected a number such as 1.5", "--max-latency-ratio", "fast"),
                apply("--max-latency-ratio 0: expected a number such as 1.5", "--max-latency-ratio", "0"),
                rehearse("--rows 0: must be between 1 and 100000000", "--rows", "0"),
                rehearse("--rows -1: must be between 1 and 100000000", "--rows", "-1"),
                rehearse("--rows 100000001: must be between 1 and 100000000", "--rows", "100000001"),
                rehearse("--clients 0: must be between 1 and 64", "--clients", "0"),
                rehearse("--clients 65: must be between 1 and 64", "--clients", "65"),
                rehearse("--batch-size 0: must be a positive number of rows", "--batch-size", "0"),
                rehearse("--batch-size 1000001: must be between 1 and 1000000", "--batch-size", "1000001"),
                rehearse("--lock-timeout -1s: must be at least 1 ms", "--lock-timeout", "-1s"),
                rehearse("--lock-timeout 601s: must be at most 600s", "--lock-timeout", "601s"),
                rehearse("--lock-timeout 2x: expected a duration", "--lock-timeout", "2x"),
                rehearse("--sync foo: expected 'trigger' (default) or 'app'", "--sync", "foo"),
                arguments("rollback --plan missing", List.of("rollback", "--db", NOWHERE, "--plan",
                        "sec-missing.json"), "--plan sec-missing.json"),
                arguments("lint a missing path", List.of("lint", "--db", NOWHERE, "sec-missing.sql"),
                        "sec-missing.sql"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBounds")
    void anOptionOutOfBoundsIsOneLineAndExitTwoBeforeAnythingConnects(String what, List<String> args,
                                                                      String expected) {
        Cli run = Cli.run(args);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString().startsWith("strategist: ")
                .contains(expected).doesNotContain("cannot connect", "Exception");
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertThat(dir.resolve("out")).as("no report folder").doesNotExist();
    }

    @Test
    void theBoundsThemselvesAreAcceptedWithTheirUnits() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("sec_")) {
            // the plan's State A, so apply gets past its check that the database is the one the plan was made for
            for (String ddl : Files.readString(Path.of(SCHEMA)).split(";")) {
                if (!ddl.isBlank()) {
                    db.execute(ddl);
                }
            }
            Cli apply = Cli.run("apply", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                    "--dry-run", "--through", "backfill", "--pause", "1m", "--batch-target", "0ms", "--max-attempts", "1000", "--batch-size",
                    "1000000", "--lock-timeout", "10m", "--max-replica-lag", "1h");
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(apply.out()).contains("-- batches of 1000000");
        }
        Cli plan = Cli.run("plan", "--schema", SCHEMA, "--sql", RENAME, "--lock-timeout", "500ms", "--print", "json",
                "--out", dir.resolve("bounds").toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("500ms");
    }

    @Test
    void applyWithAnOptionOutOfBoundsWritesNothingToTheDatabase() {
        try (TestDatabase db = TestDatabases.postgres("sec_")) {
            for (List<String> bad : List.of(List.of("--pause", "-1s", "--dry-run"), List.of("--pause", "-1s"),
                    List.of("--max-attempts", "0"), List.of("--batch-size", "0"), List.of("--lock-timeout", "0ms"))) {
                List<String> args = new ArrayList<>(List.of("apply", "--db", db.jdbcUrl(), "--user", db.user(),
                        "--plan", plan.toString(), "--through", "backfill"));
                args.addAll(bad);
                Cli run = Cli.run(args);
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
                assertThat(run.errLines()).as(run.toString()).singleElement().asString().contains(bad.get(0));
            }
            assertThat(db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + db.scope()
                    + "'")).as("no table at all: no strategist_* state, nothing of the plan").isZero();
        }
    }

    @Test
    void planAndRehearseWithAnOptionOutOfBoundsCreateNoReportAndNoScratchNamespace() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("sec_")) {
            db.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT)");
            Path out = dir.resolve("live-out");
            Cli plan = Cli.run("plan", "--db", db.jdbcUrl(), "--user", db.user(), "--sql", RENAME,
                    "--batch-size", "0", "--out", out.toString());
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
            Cli rehearse = Cli.run("rehearse", "--db", db.jdbcUrl(), "--user", db.user(), "--sql", RENAME,
                    "--clients", "65", "--scratch-prefix", "optbounds_", "--out", out.toString());
            assertThat(rehearse.exitCode()).as(rehearse.toString()).isEqualTo(2);
            assertThat(rehearse.errLines()).singleElement().asString().contains("--clients 65");
            assertThat(out).doesNotExist();
            assertThat(db.count("SELECT count(*) FROM information_schema.schemata"
                    + " WHERE schema_name LIKE 'optbounds\\_%'")).isZero();
        }
    }

    private static Arguments plan(String expected, String... option) {
        List<String> args = new ArrayList<>(List.of("plan", "--db", NOWHERE, "--sql", RENAME, "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(option));
        return arguments("plan " + String.join(" ", option), args, expected);
    }

    private static Arguments apply(String expected, String... option) {
        List<String> args = new ArrayList<>(List.of("apply", "--db", NOWHERE, "--plan", plan.toString()));
        args.addAll(List.of(option));
        return arguments("apply " + String.join(" ", option), args, expected);
    }

    private static Arguments rehearse(String expected, String... option) {
        List<String> args = new ArrayList<>(List.of("rehearse", "--db", NOWHERE, "--sql", RENAME, "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(option));
        return arguments("rehearse " + String.join(" ", option), args, expected);
    }
}
