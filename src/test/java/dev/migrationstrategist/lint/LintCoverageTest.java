package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every statement is judged, and the findings on one statement agree with each other. */
class LintCoverageTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
    }

    @Test
    void aStatementNoRuleUnderstandsGetsANoteThatTheSummaryCountsAndStrictMakesAnError() throws IOException {
        Path file = dir.resolve("V1__fdw.sql");
        Files.writeString(file, "SET lock_timeout = '2s';\nIMPORT FOREIGN SCHEMA remote FROM SERVER films INTO films;\n"
                + "COMMENT ON TABLE users IS 'people';\n");
        assertThat(run("lint", "--dialect", "postgresql:15", file.toString())).isZero();
        assertThat(out.toString()).contains("V1__fdw.sql:2:1: info [unrecognised-statement]")
                .contains("0 errors, 0 warnings, 1 notes, 1 unrecognised statements");
        assertThat(run("lint", "--dialect", "postgresql:15", "--strict", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("V1__fdw.sql:2:1: error [unrecognised-statement]");
    }

    @Test
    void aTypeChangeStateAShowsInPlaceIsNeverAlsoReportedAsRewritten() throws IOException {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200));");
        Path file = dir.resolve("m.sql");
        Files.writeString(file, "ALTER TABLE posts ALTER COLUMN title TYPE text;\n");
        run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), file.toString());
        assertThat(out.toString()).contains("neither rewritten nor scanned").doesNotContain("table:     rewritten");
        run("lint", "--dialect", "postgresql:15", file.toString());
        assertThat(out.toString()).contains("change-column-type-without-schema")
                .doesNotContain("table:     rewritten");
    }

    @Test
    void aCopyOnlyTypeChangeIsNotAlsoAdvisedToRunAsInstant() {
        LintResult r = LintRun.sql(dir, "mariadb:10.11", "ALTER TABLE orders MODIFY qty BIGINT;\n");
        assertThat(LintRun.rules(r)).contains("change-column-type-without-schema").doesNotContain("ddl-without-algorithm");
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.safeAlternative()).doesNotContain("ALGORITHM=INSTANT"));
        LintResult widening = LintRun.sql(dir.resolve("w"), "mariadb:10.11", "ALTER TABLE users MODIFY name VARCHAR(500);\n");
        assertThat(LintRun.rules(widening)).contains("change-column-type-without-schema", "ddl-without-algorithm");
        assertThat(widening.hasErrors()).isFalse();
    }

    @Test
    void aTableRenameWhoseOldNameComesBackAsAViewInTheSameFileIsNotFlagged() {
        LintResult safe = LintRun.sql(dir, "postgresql:15", """
                SET lock_timeout = '2s';
                BEGIN;
                ALTER TABLE orders RENAME TO purchases;
                CREATE VIEW orders AS SELECT * FROM purchases;
                COMMIT;
                """);
        assertThat(safe.findings()).isEmpty();
        LintResult other = LintRun.sql(dir.resolve("o"), "postgresql:15", """
                SET lock_timeout = '2s';
                ALTER TABLE orders RENAME TO purchases;
                CREATE VIEW orders AS SELECT id FROM purchases;
                """);
        assertThat(LintRun.rules(other)).contains("rename-table-in-use");
    }

    @Test
    void everyIndexOfADropIndexListIsJudged() {
        LintResult r = LintRun.sql(dir, "postgresql:15", "SET lock_timeout = '2s';\nDROP INDEX a_idx, b_idx;\n");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("drop-index-locks-table");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.safeAlternative()).contains("DROP INDEX CONCURRENTLY IF EXISTS a_idx;")
                    .contains("DROP INDEX CONCURRENTLY IF EXISTS b_idx;");
        });
    }

    @Test
    void dropDefaultRightAfterAddingANotNullColumnIsAnError() {
        LintResult r = LintRun.sql(dir, "postgresql:15", """
                SET lock_timeout = '2s';
                ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
                ALTER TABLE users ALTER COLUMN plan DROP DEFAULT;
                """);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("drop-default-not-null");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(3);
        });
    }

    @Test
    void garbageNeverCrashesLintAndNeverPassesSilently() {
        LintResult unbalanced = LintRun.sql(dir.resolve("u"), "postgresql:15", "ALTER TABLE ((( users ADD COLUMN;\n");
        assertThat(unbalanced.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("parse-error");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        LintResult r = LintRun.sql(dir, "postgresql:15", """
                ALTER TABLE users ADD COLUMN;
                FROBNICATE the database;
                UPDATE;
                DELETE FROM;
                LOCK;
                REINDEX;
                ALTER TABLE t ALTER COLUMN c TYPE;
                """);
        assertThat(r.statements()).isEqualTo(7);
        assertThat(LintRun.rules(r)).contains("unrecognised-statement");
    }

    @Test
    void setDataTypeIsReadLikeTypeSoStateADecidesIt() throws IOException {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE orders (id int PRIMARY KEY, name varchar(50), qty int);");
        Path file = dir.resolve("m.sql");
        Files.writeString(file, "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN qty SET DATA TYPE bigint;\n");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("change-column-type-rewrite").doesNotContain("change-column-type-without-schema");
        Files.writeString(file, "SET lock_timeout = '2s';\nALTER TABLE orders ALTER name SET DATA TYPE varchar(100);\n");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), file.toString())).isZero();
        assertThat(out.toString()).contains("neither rewritten nor scanned").doesNotContain("change-column-type-rewrite");
    }
}
