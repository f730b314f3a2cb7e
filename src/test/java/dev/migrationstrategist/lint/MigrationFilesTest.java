package dev.migrationstrategist.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files a directory gives, and in Flyway's order. */
class MigrationFilesTest {
    @TempDir
    Path dir;

    @Test
    void flywayVersionsAreComparedNumericallyPartByPartAndRepeatablesComeLast() throws IOException {
        for (String f : List.of("R__views.sql", "V1_10__c.sql", "V2__d.sql", "V1_9__b.sql", "V1__a.sql",
                "V1.11__e.sql", "nested/V1_9_1__sub.sql", "R__aaa.sql", "notes.txt")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;");
        }
        List<String> names = MigrationFiles.collect(List.of(dir), List.of(), dir).stream()
                .map(MigrationFile::name).toList();
        assertThat(names).containsExactly("V1__a.sql", "V1_9__b.sql", "nested/V1_9_1__sub.sql", "V1_10__c.sql",
                "V1.11__e.sql", "V2__d.sql", "R__aaa.sql", "R__views.sql");
    }

    @Test
    void plainFilesFollowInNaturalOrderAndExcludedGlobsAreSkipped() throws IOException {
        for (String f : List.of("10_later.sql", "2_early.sql", "legacy/1_old.sql", "001_first.up.sql")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;");
        }
        List<String> names = MigrationFiles.collect(List.of(dir), List.of("legacy/**"), dir).stream()
                .map(MigrationFile::name).toList();
        assertThat(names).containsExactly("001_first.up.sql", "2_early.sql", "10_later.sql");
    }

    @Test
    void contextFollowsFlywayOrderNotFileNameOrder() throws IOException {
        // V1_10 creates the table that V1_9 already alters: in Flyway order V1_9 runs first, so it is flagged; all three
        // files are new, so V1_11 alters a new table.
        LintResult r = new LintRun(dir)
                .file("V1_10__create.sql", "CREATE TABLE events (payload text);")
                .file("V1_9__alter.sql", "SET lock_timeout = '2s';\nALTER TABLE events ADD COLUMN id serial;")
                .file("V1_11__alter.sql", "SET lock_timeout = '2s';\nALTER TABLE events ADD COLUMN id2 serial;")
                .lintNew("postgresql", "V1_9__alter.sql", "V1_10__create.sql", "V1_11__alter.sql");
        assertThat(r.findings()).extracting(LintFinding::file).containsExactly("V1_9__alter.sql");
    }

    @Test
    void aMissingPathIsInvalidInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        MigrationFiles.collect(List.of(dir.resolve("nope")), List.of(), dir))
                .hasMessageContaining("no such file or directory");
    }
}
