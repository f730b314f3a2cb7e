package dev.migrationstrategist.api;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.report.JsonSchemaAssert;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library example of the README and of the {@link Strategist} javadoc, run verbatim. The example writes to
 * {@code docs/database-report} of the working directory (git-ignored); files that were not there before are
 * removed afterwards.
 */
class StrategistExampleTest {
    static final Path REPORTS = Path.of("docs/database-report");
    static final Path MD = REPORTS.resolve(PlanResult.MARKDOWN_FILE);
    static final Path JSON = REPORTS.resolve(PlanResult.JSON_FILE);

    @Test
    void theReadmeExampleRunsAndPlansTheSeedsFiveSteps() throws Exception {
        boolean hadReports = Files.exists(MD) || Files.exists(JSON);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        PlanResult result;
        try {
            result = runTheExample();
        } finally {
            System.setOut(stdout);
        }
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "1. expand: Database Expand (Migration 1)",
                    "2. app_release_1: Application Release (v1.1)",
                    "3. backfill: Data Backfill Script",
                    "4. app_release_2: Application Release (v1.2)",
                    "5. contract: Database Contract (Migration 2)");
            assertThat(Files.readString(MD)).isEqualTo(result.markdown())
                    .contains("`users`: 50,000,000 rows (large)");
            assertThat(Files.readString(JSON)).isEqualTo(result.json());
            JsonSchemaAssert.assertValid(result.json());
        } finally {
            if (!hadReports) {
                Files.deleteIfExists(MD);
                Files.deleteIfExists(JSON);
                try (java.util.stream.Stream<Path> left = Files.list(REPORTS)) {
                    if (left.findAny().isEmpty()) { // a rehearsal's reports may live there too
                        Files.delete(REPORTS);
                    }
                }
            }
        }
    }

    /** Exactly the javadoc's example, nothing added between the markers. */
    private static PlanResult runTheExample() {
        // README example start
        Strategist strategist = Strategist.configure()
                .dialect("postgresql:15")
                .schemaFile(Path.of("examples/rename-column/schema.sql"))
                .rows("users", 50_000_000)
                .load();
        PlanResult result = strategist.plan("ALTER TABLE users RENAME COLUMN name TO full_name");
        for (Step step : result.plan().steps()) {
            System.out.println(step.number() + ". " + step.phase().jsonName() + ": " + step.title());
        }
        result.write(Path.of("docs/database-report"));
        // README example end
        return result;
    }

    @Test
    void aPhraseGivesTheSamePlanAsTheSql() {
        Strategist strategist = Strategist.configure().dialect("mysql:8.0")
                .schemaSql("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255));").load();
        assertThat(strategist.plan("rename column users.name to full_name").plan().steps())
                .isEqualTo(strategist.plan("ALTER TABLE users RENAME COLUMN name TO full_name;").plan().steps());
    }

    @Test
    void theJavadocAndTheTestRunTheSameExample() throws Exception {
        assertThat(exampleIn(Path.of("src/main/java/dev/migrationstrategist/api/Strategist.java"),
                "<pre>{@code", "}</pre>"))
                .isEqualTo(exampleIn(Path.of("src/test/java/dev/migrationstrategist/api/StrategistExampleTest.java"),
                        "// README example start", "// README example end"))
                .hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void theReadmeShowsTheSameExample() throws Exception {
        // the README's first Java block is a whole class (ReadmeExamplesCompileTest compiles it); its main method
        // holds the example, line for line
        List<String> readme = exampleIn(Path.of("README.md"), "```java", "```").stream().map(String::strip).toList();
        List<String> example = exampleIn(Path.of("src/test/java/dev/migrationstrategist/api/StrategistExampleTest.java"),
                "// README example start", "// README example end").stream().map(String::strip).toList();
        assertThat(readme).containsSequence(example);
    }

    @Test
    void invalidInputThrowsWithTheInvalidInputCode() {
        Strategist strategist = Strategist.configure().schemaSql("CREATE TABLE users (id BIGINT PRIMARY KEY);").load();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(StrategistException.class,
                () -> strategist.plan("ALTER TABLE users RENAME COLUMN name TO full_name")))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("unknown column users.name");
                });
    }

    /** The code lines between two markers, without comment stars and common indentation. */
    private static List<String> exampleIn(Path file, String start, String end) throws Exception {
        List<String> lines = Files.readAllLines(file);
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).contains(end)) {
                List<String> block = lines.subList(from, i).stream()
                        .map(l -> l.replaceFirst("^\\s*\\* ?", "").stripTrailing()).toList();
                int indent = block.stream().filter(l -> !l.isBlank())
                        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                return block.stream().map(l -> l.length() >= indent ? l.substring(indent) : l).toList();
            }
        }
        throw new AssertionError(file + " has no block between " + start + " and " + end);
    }
}
