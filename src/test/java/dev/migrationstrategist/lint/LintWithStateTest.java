package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With State A (--schema or --db) lint judges what needs a column's type, follows the state through the run, and
 * with table sizes from --db leaves small tables alone.
 */
class LintWithStateTest {
    static final String TYPE_CHANGE = "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN qty TYPE bigint;\n";
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aTypeChangeIsJudgedByWhatItCanBeWithoutSchemaAndByTheSourceTypeWithIt() throws IOException {
        Path migrations = dir.resolve("m");
        write("m/V1__qty.sql", TYPE_CHANGE);
        Path schema = write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, qty integer NOT NULL);");
        // no common source type reaches bigint in place: an error that says --schema / --db would decide it
        assertThat(run("lint", "--dialect", "postgresql:15", migrations.toString())).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("change-column-type-rewrite")
                .contains("change-column-type-without-schema").contains("--schema / --db");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), migrations.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("change-column-type-rewrite")
                .doesNotContain("change-column-type-without-schema");
    }

    @Test
    void laterFilesAreJudgedAgainstTheStateEarlierFilesLeadTo() throws IOException {
        Path migrations = dir.resolve("m");
        write("m/V1__add.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN total integer;\n");
        write("m/V2__widen.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN total TYPE bigint;\n");
        Path schema = write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, qty integer NOT NULL);");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), "--format", "json",
                migrations.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"rule\": \"change-column-type-rewrite\"", "V2__widen.sql");
    }

    @Test
    void aWideningThatTheServerDoesInPlaceIsNotReportedAsARewrite() throws IOException {
        Path migrations = dir.resolve("m");
        write("m/V1__label.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN label TYPE varchar(500);\n");
        Path schema = write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, label varchar(255));");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), "--format", "json",
                migrations.toString())).isZero();
        assertThat(out.toString()).contains("\"rule\": \"change-column-type-result-type\"",
                "\"rewrites_table\": false").doesNotContain("\"rewrites_table\": true");
        write("m/V1__label.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN label TYPE varchar(50);\n");
        assertThat(run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(), "--format", "json",
                migrations.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"rewrites_table\": true");
    }

    @Test
    @Tag("postgres")
    void sizesFromTheLiveDatabaseLeaveSmallTablesAlone() throws IOException {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty integer NOT NULL)",
                    "INSERT INTO orders SELECT g, g FROM generate_series(1, 1000) g", "ANALYZE orders");
            Path migrations = dir.resolve("m");
            write("m/V1__qty.sql", TYPE_CHANGE);
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), migrations.toString()))
                    .as(out + "\n" + err).isZero();
            assertThat(out.toString()).doesNotContain("change-column-type-rewrite");
            write(".strategist.yaml", "large_table_rows: 500\n");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--config",
                    dir.resolve(".strategist.yaml").toString(), migrations.toString())).as(out.toString()).isEqualTo(1);
            assertThat(out.toString()).contains("change-column-type-rewrite");
        }
    }
}
