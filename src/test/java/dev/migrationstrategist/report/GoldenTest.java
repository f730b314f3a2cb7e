package dev.migrationstrategist.report;

import dev.migrationstrategist.cli.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: every folder {@code src/test/resources/golden/<kind>/<case>/} holds the input (an {@code args}
 * file, one argument per line, with paths relative to the folder, and the files it names) and the expected
 * {@code plan.md} and {@code plan.json}. Each case runs {@code strategist plan} in-process and compares both
 * reports byte for byte. Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the
 * diff.
 */
class GoldenTest {
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseProducesItsExpectedReports() throws IOException {
        List<Path> cases;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            cases = walk.filter(p -> Files.isRegularFile(p.resolve("args"))).sorted().toList();
        }
        assertThat(cases).as("golden cases under " + ROOT.toAbsolutePath()).isNotEmpty();
        return cases.stream().map(dir -> DynamicTest.dynamicTest(ROOT.relativize(dir).toString(), () -> check(dir)));
    }

    private void check(Path dir) throws IOException {
        Path reportDir = Files.createTempDirectory(out, "report");
        List<String> args = new ArrayList<>(List.of("plan", "--print", "none", "--out", reportDir.toString()));
        args.addAll(args(dir));
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEmpty();

        String md = Files.readString(reportDir.resolve("migration-strategist-report.md"), StandardCharsets.UTF_8);
        String json = Files.readString(reportDir.resolve("migration-strategist-output.json"), StandardCharsets.UTF_8);
        JsonSchemaAssert.assertValid(json);
        compare(dir.resolve("plan.md"), md);
        compare(dir.resolve("plan.json"), json);
    }

    /** The case's arguments; a value naming a file of the case folder becomes its path from the project. */
    static List<String> args(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Path file = dir.resolve(line);
            out.add(!line.startsWith("-") && Files.isRegularFile(file) ? file.toString() : line);
        }
        return out;
    }

    private static void compare(Path expectedFile, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expectedFile).as("golden file missing; run mvn test -Dtest=GoldenTest -Dgolden.update=true"
                + " and review the new file").exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(actual).as(expectedFile + " differs; if the change is intended, rerun with"
                + " -Dgolden.update=true and review the diff").isEqualTo(expected);
    }
}
