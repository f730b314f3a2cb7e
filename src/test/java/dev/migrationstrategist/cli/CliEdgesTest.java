package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The command line's edges: durations with units, options named in their own errors, help that says what runs. */
class CliEdgesTest {
    static final String SCHEMA = "examples/rename-column/schema.sql";
    static final String CHANGE = "examples/rename-column/change.sql";
    /** Nothing listens there: a command that gets past its option checks fails to connect, naming --db. */
    /** Options of other tools that help texts name (pg_dump --schema-only, mysqldump --no-data). */
    static final List<String> OTHER_TOOLS = List.of("--schema-only", "--no-data");
    static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/nowhere";

    @TempDir
    static Path dir;
    static Path plan;

    @BeforeAll
    static void writePlan() {
        Cli run = Cli.run("plan", "--schema", SCHEMA, CHANGE, "--out", dir.resolve("plan").toString(), "--print", "none");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        plan = dir.resolve("plan/migration-strategist-output.json");
    }

    static Stream<Arguments> durationOptions() {
        return Stream.of(
                Arguments.of("plan", "--lock-timeout"),
                Arguments.of("apply", "--lock-timeout"),
                Arguments.of("apply", "--batch-target"),
                Arguments.of("apply", "--pause"),
                Arguments.of("apply", "--max-replica-lag"),
                Arguments.of("rehearse", "--lock-timeout"));
    }

    static List<String> args(String command, String option, String value) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "plan" -> args.addAll(List.of("--schema", SCHEMA, CHANGE, "--out", dir.resolve("never").toString()));
            case "apply" -> args.addAll(List.of("--db", NOWHERE, "--plan", plan.toString()));
            default -> args.addAll(List.of("--db", NOWHERE, "--schema", SCHEMA, CHANGE));
        }
        args.addAll(List.of(option, value));
        return args;
    }

    @ParameterizedTest(name = "{0} {1} 2")
    @MethodSource("durationOptions")
    void aBareNumberIsRefusedNamingItsOption(String command, String option) {
        Cli run = Cli.run(args(command, option, "2"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .isEqualTo("strategist: " + option + " 2: a duration needs a unit: 2ms, 2s or 2m");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @ParameterizedTest(name = "{0} {1} 1m")
    @MethodSource("durationOptions")
    void minutesAreADurationAndAValueOutOfBoundsNamesItsOwnOption(String command, String option) {
        Cli run = Cli.run(args(command, option, "1m"));
        assertThat(run.err()).as(run.toString()).doesNotContain(option + " 1m");
        Cli tooLong = Cli.run(args(command, option, "2h"));
        assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(2);
        assertThat(tooLong.errLines()).as(tooLong.toString()).singleElement().asString()
                .startsWith("strategist: " + option + " ").contains("must be at most");
    }

    @Test
    void pauseOfOneMinuteIsAcceptedAndTheRunGoesOnToConnect() {
        Cli run = Cli.run("apply", "--db", NOWHERE, "--plan", plan.toString(), "--pause", "1m");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("strategist: --db ")
                .contains("cannot connect").doesNotContain("--pause");
    }

    @Test
    void theLibrarysErrorsCarryNoCommandLineSyntaxAndTheCliNamesTheOption() {
        Strategist strategist = Strategist.configure().schemaSql("CREATE TABLE users (id BIGINT PRIMARY KEY);").load();
        StrategistException sql = catchThrowableOfType(StrategistException.class,
                () -> strategist.plan("ALTER TABLE users RENAME COLUMN nope TO x"));
        assertThat(sql.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(sql.setting()).contains("sql");
        assertThat(sql.getMessage()).startsWith("sql:1:").doesNotContain("--");
        StrategistException parse = catchThrowableOfType(StrategistException.class,
                () -> strategist.plan("ALTER TABLE users RENAME COLUMN"));
        assertThat(parse.getMessage()).startsWith("sql:1:").contains("cannot parse SQL").doesNotContain("--");
        StrategistException setting = catchThrowableOfType(StrategistException.class,
                () -> Strategist.configure().batchSize(0));
        assertThat(setting.setting()).contains("batch size");
        assertThat(setting.getMessage()).startsWith("batch size 0:").doesNotContain("--");
        StrategistException dialect = catchThrowableOfType(StrategistException.class,
                () -> Strategist.configure().dialect("oracle"));
        assertThat(dialect.getMessage()).startsWith("dialect oracle:").doesNotContain("--");

        Cli run = Cli.run("plan", "--schema", SCHEMA, "--sql", "ALTER TABLE users RENAME COLUMN nope TO x",
                "--out", dir.resolve("never").toString());
        assertThat(run.errLines()).singleElement().asString().startsWith("strategist: --sql:1:");
        Cli batch = Cli.run("plan", "--schema", SCHEMA, CHANGE, "--batch-size", "0",
                "--out", dir.resolve("never").toString());
        assertThat(batch.errLines()).singleElement().asString().startsWith("strategist: --batch-size 0:");
    }

    @Test
    void bareStrategistPrintsTheUsageOnStderrAndExitsTwo() {
        Cli run = Cli.run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: strategist", "Commands:");
    }

    /** Every --option a command's help mentions is one of its options, and every option is in its help. */
    @Test
    void helpTextsNameOnlyOptionsThatExistAndListExitCodes() {
        CommandLine root = Main.commandLine();
        Pattern optionWord = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*[a-z]");
        Map<String, CommandLine> commands = root.getSubcommands();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            Cli help = Cli.run(e.getKey(), "--help");
            assertThat(help.exitCode()).isZero();
            TreeSet<String> names = new TreeSet<>();
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                names.addAll(List.of(o.names()));
                if (!help.out().contains(o.longestName())) {
                    problems.add(e.getKey() + ": option " + o.longestName() + " missing from its help");
                }
            }
            Matcher m = optionWord.matcher(help.out());
            while (m.find()) {
                if (!names.contains(m.group()) && !OTHER_TOOLS.contains(m.group())) {
                    problems.add(e.getKey() + " --help mentions " + m.group() + ", which it does not have");
                }
            }
            if (!help.out().contains("Exit codes: 0 ")) {
                problems.add(e.getKey() + " --help lists no exit codes");
            } else if (!help.out().contains("2 invalid input")) {
                problems.add(e.getKey() + " --help does not list exit code 2");
            }
        }
        Cli top = Cli.run("--help");
        for (String name : commands.keySet()) {
            Matcher line = Pattern.compile("(?m)^\\s+" + name + "\\s+(.*)$").matcher(top.out());
            assertThat(line.find()).as(name + " listed in the top-level help").isTrue();
            String summary = line.group(1);
            String header = String.join(" ", commands.get(name).getCommandSpec().usageMessage().header());
            if (!summary.endsWith(".") || !header.startsWith(summary.strip())) {
                problems.add("top-level help cuts " + name + "'s summary: " + summary);
            }
        }
        for (String l : top.out().lines().toList()) {
            if (l.length() > 100) {
                problems.add("top-level help line wider than 100 columns: " + l);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void completionPrintsAScriptForEveryCommand() {
        Cli run = Cli.run("completion");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("complete -F", "strategist");
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            assertThat(run.out()).as(name).contains(name);
        }
        assertThat(run.out()).contains("--lock-timeout", "--through", "--format");
    }

    @Test
    void reportsAreWrittenReadableByAll() throws Exception {
        Path out = dir.resolve("modes");
        Cli run = Cli.run("plan", "--schema", SCHEMA, CHANGE, "--out", out.toString(), "--print", "none");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String f : List.of("migration-strategist-report.md", "migration-strategist-output.json")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))))
                    .as(f).isEqualTo("rw-r--r--");
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("migration-strategist-report.md", "migration-strategist-output.json");
        }
    }

    @Test
    void noColourWhenPiped() {
        Cli run = Cli.run("--help");
        assertThat(run.out()).doesNotContain("\u001B[");
    }
}
