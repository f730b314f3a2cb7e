package dev.migrationstrategist.strategy;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden plans of the column change kinds: every folder {@code src/test/resources/golden/<kind>/<case>/} of a
 * column kind holds an {@code args} file (one argument per line; a line naming a file of the folder becomes its
 * path) with its inputs, and the expected {@code plan.md} and {@code plan.json}. Each case runs
 * {@code strategist plan} in-process. {@code -Dgolden.update=true} rewrites the expected files (review the diff).
 */
class ColumnGoldenTest {
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    static final List<String> KINDS = List.of("add_column", "drop_column", "set_not_null", "drop_not_null",
            "set_default", "drop_default", "change_column_type");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everyColumnKindHasGoldenCasesThatMatch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : KINDS) {
            assertThat(Change.kinds()).as("kind folder %s names a change kind", kind).contains(kind);
            List<Path> cases;
            try (Stream<Path> list = Files.list(ROOT.resolve(kind))) {
                cases = list.filter(p -> Files.isRegularFile(p.resolve("args"))).sorted().toList();
            }
            assertThat(cases).as("golden cases of " + kind).hasSizeGreaterThanOrEqualTo(2);
            for (Path dir : cases) {
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(dir).toString(), () -> check(dir)));
            }
        }
        return tests.stream();
    }

    private void check(Path dir) throws IOException {
        Path reportDir = Files.createTempDirectory(out, "report");
        List<String> args = new ArrayList<>(List.of("plan", "--print", "none", "--out", reportDir.toString()));
        args.addAll(args(dir));
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        compare(dir.resolve("plan.md"), Files.readString(reportDir.resolve("migration-strategist-report.md")));
        compare(dir.resolve("plan.json"), Files.readString(reportDir.resolve("migration-strategist-output.json")));
    }

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
        assertThat(expectedFile).as("golden file missing; run mvn test -Dtest=ColumnGoldenTest -Dgolden.update=true"
                + " and review the new file").exists();
        assertThat(actual).as(expectedFile + " differs; if the change is intended, rerun with -Dgolden.update=true"
                + " and review the diff").isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
}
