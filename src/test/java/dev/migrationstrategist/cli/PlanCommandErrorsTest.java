package dev.migrationstrategist.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every bad input of {@code strategist plan}: exit 2, exactly one line on stderr that names what is wrong and
 * where, no stack trace, nothing on stdout, and no report written (an earlier report is left as it was).
 */
class PlanCommandErrorsTest {
    static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name";
    static final String EARLIER_REPORT = "# the report of an earlier run\n";

    @TempDir
    static Path fixtures;

    @TempDir
    Path out;

    @BeforeAll
    static void writeFixtures() throws Exception {
        Files.writeString(fixtures.resolve("schema.sql"),
                "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT NOT NULL);\n");
        Files.writeString(fixtures.resolve("bad.sql"), "-- the rename\n\nALTER TABLE users RENAME COLUMN name TO ;\n");
        Files.writeString(fixtures.resolve("empty.sql"), "  \n");
        Files.write(fixtures.resolve("latin1.sql"), new byte[]{'-', '-', ' ', (byte) 0xE9, '\n'});
        Files.createDirectories(fixtures.resolve("a-directory"));
        Files.writeString(fixtures.resolve("bad-schema.sql"), "CREATE TABLE users (id BIGINT PRIMARY KEY,\n  name);\n");
    }

    static String f(String name) {
        return fixtures.resolve(name).toString();
    }

    static Stream<Arguments> badInputs() {
        String schema = f("schema.sql");
        return Stream.of(
                arguments("unparsable SQL, with line and column", List.of("--schema", schema, f("bad.sql")),
                        f("bad.sql") + ":3:39: cannot parse SQL"),
                arguments("unparsable schema", List.of("--schema", f("bad-schema.sql"), "--sql", RENAME),
                        f("bad-schema.sql") + ":2:7: cannot parse SQL"),
                arguments("unknown table", List.of("--schema", schema, "--sql", "ALTER TABLE nope RENAME COLUMN a TO b"),
                        "--sql:1:1: unknown table nope (the schema has [users])"),
                arguments("unknown column", List.of("--schema", schema, "--sql", "ALTER TABLE users RENAME COLUMN nope TO b"),
                        "--sql:1:1: unknown column users.nope"),
                arguments("rename to a name that exists", List.of("--schema", schema, "--sql",
                        "ALTER TABLE users RENAME COLUMN name TO email"), "table users already has a column email"),
                arguments("a change that needs a column type, no schema", List.of("--sql", RENAME),
                        "--sql:1:1: unknown table users (no schema was given: pass --schema FILE)"),
                arguments("unknown dialect", List.of("--dialect", "oracle", "--schema", schema, "--sql", RENAME),
                        "--dialect oracle: unknown dialect 'oracle'"),
                arguments("bad version", List.of("--dialect", "postgresql:fifteen", "--schema", schema, "--sql", RENAME),
                        "--dialect postgresql:fifteen: 'fifteen' is not a server version"),
                arguments("negative row count", List.of("--rows", "users=-5", "--schema", schema, "--sql", RENAME),
                        "--rows users=-5: a row count cannot be negative"),
                arguments("non-numeric row count", List.of("--rows", "users=abc", "--schema", schema, "--sql", RENAME),
                        "--rows users=abc: 'abc' is not a row count"),
                arguments("row count without =", List.of("--rows", "users", "--schema", schema, "--sql", RENAME),
                        "--rows users: expected TABLE=N"),
                arguments("empty change file", List.of("--schema", schema, f("empty.sql")),
                        "change file " + f("empty.sql") + ": is empty"),
                arguments("empty --sql", List.of("--schema", schema, "--sql", ""), "--sql: empty"),
                arguments("no change at all", List.of("--schema", schema),
                        "nothing to plan: give a change file, a phrase ("
                                + String.join(" | ", dev.migrationstrategist.input.PhraseReader.GRAMMAR) + ") or --sql"),
                arguments("missing schema file", List.of("--schema", f("missing.sql"), "--sql", RENAME),
                        "--schema " + f("missing.sql") + ": no such file"),
                arguments("missing change file", List.of("--schema", schema, f("missing.sql")),
                        "change file " + f("missing.sql") + ": no such file"),
                arguments("a change file that is not UTF-8", List.of("--schema", schema, f("latin1.sql")),
                        "change file " + f("latin1.sql") + ": not UTF-8 text"),
                arguments("directory as schema", List.of("--schema", f("a-directory"), "--sql", RENAME),
                        "--schema " + f("a-directory") + ": is a directory, expected a file"),
                arguments("directory as change file", List.of("--schema", schema, f("a-directory")),
                        "change file " + f("a-directory") + ": is a directory, expected a file"),
                arguments("unreadable phrase", List.of("--schema", schema, "rename column users.name too full_name"),
                        "cannot read the phrase 'rename column users.name too full_name' at word 4 ('too', expected 'to')"),
                arguments("mistyped phrase verb", List.of("--schema", schema, "rename colum users.name to full_name"),
                        "at word 2 ('colum', expected 'column')"),
                arguments("--print foo", List.of("--print", "foo", "--schema", schema, "--sql", RENAME),
                        "--print foo: expected md, json or none"),
                arguments("--batch-size 0", List.of("--batch-size", "0", "--schema", schema, "--sql", RENAME),
                        "--batch-size 0: must be a positive number of rows"),
                arguments("--batch-size x", List.of("--batch-size", "x", "--schema", schema, "--sql", RENAME),
                        "'--batch-size': 'x' is not an int"),
                arguments("--lock-timeout 0ms", List.of("--lock-timeout", "0ms", "--schema", schema, "--sql", RENAME),
                        "--lock-timeout 0ms: must be at least 1 ms"),
                arguments("--lock-timeout abc", List.of("--lock-timeout", "abc", "--schema", schema, "--sql", RENAME),
                        "--lock-timeout abc: expected a duration such as 2s or 500ms"),
                arguments("--sync foo", List.of("--sync", "foo", "--schema", schema, "--sql", RENAME),
                        "--sync foo: expected 'trigger' (default) or 'app'"),
                arguments("--app-version x", List.of("--app-version", "x", "--schema", schema, "--sql", RENAME),
                        "--app-version x: expected a version such as 1.0"),
                arguments("unknown option", List.of("--bogus", "--schema", schema, "--sql", RENAME),
                        "Unknown option: '--bogus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneLineAndWritesNothing(String what, List<String> args, String expectedMessage)
            throws Exception {
        Path earlier = Files.writeString(out.resolve("migration-strategist-report.md"), EARLIER_REPORT);
        List<String> all = new ArrayList<>(List.of("plan", "--out", out.toString()));
        all.addAll(args);

        Cli run = Cli.run(all);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("strategist: ").contains(expectedMessage)
                .doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(earlier)).isEqualTo(EARLIER_REPORT);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("migration-strategist-report.md");
        }
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their permissions");
        Path locked = Files.writeString(fixtures.resolve("locked.sql"), RENAME + ";\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Cli run = Cli.run("plan", "--out", out.toString(), "--schema", f("schema.sql"), locked.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("change file " + locked + ": cannot be read");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli run = Cli.run("plan", "--verbose", "--out", out.toString(), "--sql", RENAME);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("strategist: ").contains("no schema was given");
        assertThat(run.err()).contains("StrategistException", "\tat ");
    }
}
