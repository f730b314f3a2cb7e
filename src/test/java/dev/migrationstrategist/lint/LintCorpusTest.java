package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints every file of {@code src/test/resources/lint-corpus} on its own, as a team would lint one new migration, and
 * compares the verdict with the label in {@code labels.tsv}: "unsafe" means at least one error finding, "safe" none.
 * The labels come from docs/LOCKS.md or from measurements cited in docs/measurements.md, never from the rules.
 * PostgreSQL files are linted as postgresql:15, MySQL files as mysql:8.0 and as mariadb:10.11.
 */
class LintCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/lint-corpus");

    @TempDir
    Path tmp;

    record Label(String path, boolean unsafe, String why) {
    }

    @Test
    void postgresqlFilesAreJudgedAsLabelled() throws IOException {
        assertJudged("postgresql", "postgresql:15");
    }

    @Test
    void mysqlFilesAreJudgedAsLabelledOnMySql() throws IOException {
        assertJudged("mysql", "mysql:8.0");
    }

    @Test
    void mysqlFilesAreJudgedAsLabelledOnMariaDb() throws IOException {
        assertJudged("mysql", "mariadb:10.11");
    }

    private void assertJudged(String folder, String dialect) throws IOException {
        List<Label> labels = labels().stream().filter(l -> l.path().startsWith(folder + "/")).toList();
        assertThat(labels).hasSizeGreaterThan(30);
        List<String> wrong = new ArrayList<>();
        int right = 0;
        for (Label l : labels) {
            Path src = CORPUS.resolve(l.path());
            Path dir = Files.createTempDirectory(tmp, "c");
            Files.copy(src, dir.resolve(src.getFileName()));
            LintResult result = new LintRun(dir).lint(dialect);
            boolean flagged = result.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
            if (flagged == l.unsafe()) {
                right++;
            } else {
                wrong.add(l.path() + " labelled " + (l.unsafe() ? "unsafe" : "safe") + " (" + l.why() + "), lint: "
                        + result.findings().stream().map(f -> f.severity().jsonName() + " " + f.rule()).toList());
            }
        }
        System.out.printf("lint corpus %s as %s: %d of %d judged as labelled (accuracy %.3f)%n", folder, dialect,
                right, labels.size(), right / (double) labels.size());
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat(wrong).isEmpty();
    }

    static List<Label> labels() throws IOException {
        List<Label> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("labels.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\t");
            out.add(new Label(p[0], p[1].equals("unsafe"), p[2]));
        }
        return out;
    }
}
