package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a lint run reads a migration folder: every file as the next migration after the ones before it (a table an
 * earlier file created is live), only the new files when the run is told which they are (--new, --changed-since),
 * and a path with no migration files is a user error. The folder is {@code examples/lint-flyway},
 * shaped like an application's Flyway folder whose V1__init.sql created the tables.
 */
class RunSemanticsTest {
    static final Path SHOP = Path.of("examples/lint-flyway");
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** file name → rule, for the error findings of the last run (text format). */
    List<String> errors() {
        List<String> found = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            if (line.contains(": error [")) {
                String file = line.substring(0, line.indexOf(':'));
                found.add(Path.of(file).getFileName() + " " + line.substring(line.indexOf('[') + 1, line.indexOf(']')));
            }
        }
        return found;
    }

    /**
     * A folder whose tables were created before its first file (no V1, no --schema): V2 adds a column, V3 changes
     * its type. The type V2 gave it decides V3 (measured on MariaDB 10.11, utf8mb4: VARCHAR(50) -> VARCHAR(100)
     * refuses INSTANT and INPLACE, "Cannot change column type"; on PostgreSQL varchar(50) -> varchar(100) is a catalog
     * change and integer -> bigint a rewrite, LOCKS.md), not judged as a change from an unknown type.
     */
    /**
     * One truth per statement: a MODIFY lint cannot judge without State A but that may be an in-place widening is
     * reported with the in-place lock on every finding, and no finding's text speaks of a copy while the table line
     * says it is neither rewritten nor scanned.
     */
    /**
     * Shaped like ory/kratos' folders (fizz-generated SQL): MySQL renames columns with CHANGE old new definition and
     * then changes the table under the new name; PostgreSQL restates a column's own type beside DROP NOT NULL, which
     * PostgreSQL 15 does without a rewrite (relfilenode kept, measured).
     */
    @Test
    void renamesByChangeAndTypeRestatementsAreFollowedNotMisjudged() throws IOException {
        Path my = Files.createDirectories(dir.resolve("kratos-mysql"));
        Files.writeString(my.resolve("V1__methods.sql"), "CREATE TABLE `flow_methods` (\n`id` char(36) NOT NULL,\n"
                + "PRIMARY KEY(`id`),\n`request_id` char(36) NOT NULL,\n`config` JSON NOT NULL\n) ENGINE=InnoDB;\n");
        Files.writeString(my.resolve("V2__rename.sql"), "ALTER TABLE `flow_methods` CHANGE `request_id` `flow_id`"
                + " char(36) NOT NULL;\n");
        Files.writeString(my.resolve("V3__rename_again.sql"), "ALTER TABLE `flow_methods` CHANGE `flow_id`"
                + " `settings_flow_id` char(36) NOT NULL;\n");
        Files.writeString(my.resolve("V4__widen.sql"), "ALTER TABLE `flow_methods` MODIFY `settings_flow_id`"
                + " char(40) NOT NULL;\n");
        run("lint", "--dialect", "mysql:8.0", my.toString());
        assertThat(errors()).containsExactly("V2__rename.sql rename-column-in-use",
                "V3__rename_again.sql rename-column-in-use", "V4__widen.sql change-column-type-rewrite");
        assertThat(out.toString()).contains("MODIFY settings_flow_id char(40) (from char(36))");
        // the same rename with no V1: the type it has is unknown, and keeping it is the usual case
        Path alone = Files.writeString(dir.resolve("V7__rename.sql"), "ALTER TABLE `flow_methods` CHANGE `flow_id`"
                + " `settings_flow_id` char(36) NOT NULL;\n");
        run("lint", "--dialect", "mysql:8.0", alone.toString());
        assertThat(errors()).containsExactly("V7__rename.sql rename-column-in-use");
        assertThat(out.toString()).contains("warning [change-column-type-without-schema]")
                .contains("if it is char(36) already, only the name changes");

        Path pg = Files.createDirectories(dir.resolve("kratos-postgres"));
        Files.writeString(pg.resolve("V1__flows.sql"), "CREATE TABLE \"login_flows\" (\"id\" UUID NOT NULL,"
                + " PRIMARY KEY(\"id\"), \"nid\" UUID NOT NULL, \"ui\" jsonb NOT NULL);\n");
        Files.writeString(pg.resolve("V2__nullable.sql"), "SET lock_timeout = '2s';\n"
                + "ALTER TABLE \"login_flows\" ALTER COLUMN \"nid\" TYPE UUID, ALTER COLUMN \"nid\" DROP NOT NULL;\n"
                + "ALTER TABLE \"login_flows\" ALTER COLUMN \"ui\" TYPE jsonb, ALTER COLUMN \"ui\" DROP NOT NULL;\n");
        assertThat(run("lint", "--dialect", "postgresql:15", pg.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).doesNotContain("change-column-type").doesNotContain("rewritten");
    }

    @Test
    void aPossibleWideningIsDescribedTheSameWayByEveryFinding() throws IOException {
        Path file = Files.writeString(dir.resolve("V9__name.sql"), "ALTER TABLE customers MODIFY name VARCHAR(60) NULL;\n");
        run("lint", "--dialect", "mariadb:10.11", file.toString());
        List<String> blocks = List.of(out.toString().split("\n\n"));
        assertThat(blocks).filteredOn(b -> b.contains("statement:")).hasSizeGreaterThanOrEqualTo(3).allSatisfy(b -> {
            assertThat(b).contains("lock:      exclusive metadata lock on customers (brief;")
                    .contains("table:     neither rewritten nor scanned");
            assertThat(b.substring(b.indexOf("problem:"))).doesNotContain("during the copy");
        });
    }

    @Test
    void aColumnAnEarlierFileAddedToATableTheRunDoesNotKnowKeepsItsType() throws IOException {
        Path my = Files.createDirectories(dir.resolve("mariadb"));
        Files.writeString(my.resolve("V2__note.sql"), "ALTER TABLE orders ADD COLUMN note VARCHAR(50) NULL;\n");
        Files.writeString(my.resolve("V3__widen_note.sql"), "ALTER TABLE orders MODIFY note VARCHAR(100) NULL;\n");
        assertThat(run("lint", "--dialect", "mariadb:10.11", my.toString())).as(out.toString()).isEqualTo(1);
        assertThat(errors()).containsExactly("V3__widen_note.sql change-column-type-rewrite");
        assertThat(out.toString()).contains("(from VARCHAR(50))").doesNotContain("change-column-type-without-schema")
                .doesNotContain("neither rewritten nor scanned\n  problem:   MODIFY");

        Path pg = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(pg.resolve("V2__columns.sql"), "ALTER TABLE orders ADD COLUMN note varchar(50);\n"
                + "ALTER TABLE orders ADD COLUMN qty integer;\n");
        Files.writeString(pg.resolve("V3__widen.sql"), "SET lock_timeout = '2s';\n"
                + "ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);\n");
        Files.writeString(pg.resolve("V4__renamed.sql"), "SET lock_timeout = '2s';\n"
                + "ALTER TABLE orders RENAME COLUMN qty TO quantity;\n");
        Files.writeString(pg.resolve("V5__bigint.sql"), "SET lock_timeout = '2s';\n"
                + "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;\n");
        run("lint", "--dialect", "postgresql:15", pg.toString());
        // V3 grows a varchar it knows: no finding that it rewrites or might; V5 follows the rename to the integer
        assertThat(errors()).doesNotContain("V3__widen.sql change-column-type-rewrite",
                "V3__widen.sql change-column-type-without-schema").contains("V5__bigint.sql change-column-type-rewrite");
        assertThat(out.toString()).doesNotContain("V3__widen.sql:2:1: warning [change-column-type-without-schema]")
                .contains("from integer");
    }

    @Test
    void laterFilesOfAFlywayFolderWhoseV1CreatedTheTablesChangeLiveTables() {
        assertThat(run("lint", "--dialect", "postgresql:15", SHOP.toString())).as(out.toString()).isEqualTo(1);
        assertThat(errors()).containsExactly(
                "V3__orders_fk.sql add-foreign-key-blocks-writes",
                "V4__rename_name.sql rename-column-in-use",
                // State A built from V1 says quantity was an integer: integer -> bigint rewrites
                "V5__quantity_bigint.sql change-column-type-rewrite",
                // coupons was created by V6, applied before V7 runs
                "V7__coupon_status_index.sql create-index-blocks-writes");
        assertThat(out.toString()).contains("7 files, 18 statements: 4 errors, 1 warnings, 0 notes");
    }

    @Test
    void newFilesAreLintedAndTheRestIsHistory() {
        // V6 and V7 ship together: coupons is new and empty for V7
        assertThat(run("lint", "--dialect", "postgresql:15", "--new", SHOP.resolve("V6__coupons.sql").toString(),
                "--new", SHOP.resolve("V7__coupon_status_index.sql").toString(), SHOP.toString())).as(out.toString())
                .isZero();
        assertThat(out.toString()).startsWith("2 files (5 more read as history), 7 statements: 0 errors,"
                + " 0 warnings, 0 notes");
        // V7 alone: coupons is live by then
        assertThat(run("lint", "--dialect", "postgresql:15", "--new", SHOP.resolve("V7__coupon_status_index.sql")
                .toString(), SHOP.toString())).isEqualTo(1);
        assertThat(errors()).containsExactly("V7__coupon_status_index.sql create-index-blocks-writes");
        // V5 alone: the history before it (V1) says what the column's type was
        assertThat(run("lint", "--dialect", "postgresql:15", "--new", SHOP.resolve("V5__quantity_bigint.sql")
                .toString(), SHOP.toString())).isEqualTo(1);
        assertThat(errors()).containsExactly("V5__quantity_bigint.sql change-column-type-rewrite");
        assertThat(out.toString()).contains("1 file (6 more read as history)");
    }

    @Test
    void configuredTableSizesStillApplyToLiveTables() throws IOException {
        Path config = Files.writeString(dir.resolve("small.yaml"), "tables: {coupons: 40}\n");
        assertThat(run("lint", "--dialect", "postgresql:15", "--config", config.toString(), "--new",
                SHOP.resolve("V7__coupon_status_index.sql").toString(), SHOP.toString())).as(out.toString()).isZero();
        assertThat(errors()).isEmpty();
    }

    @Test
    void aNewFileOutsideThePathsIsRefused() throws IOException {
        Path other = Files.writeString(dir.resolve("V9__other.sql"), "SELECT 1;");
        assertThat(run("lint", "--new", other.toString(), SHOP.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("strategist: --new " + other + ": not one of the migration files under");
    }

    @Test
    void changedSinceLintsTheFilesChangedSinceTheRevisionAndReadsTheRestAsHistory() throws Exception {
        Path repo = dir.resolve("repo");
        Path migrations = repo.resolve("src/main/resources/db/migration");
        Files.createDirectories(migrations);
        git(repo, "init", "-q");
        git(repo, "config", "user.email", "lint@example.org");
        git(repo, "config", "user.name", "lint test");
        for (String f : List.of("V1__init.sql", "V2__add_phone.sql", "V3__orders_fk.sql", "V4__rename_name.sql",
                "V5__quantity_bigint.sql")) {
            Files.copy(SHOP.resolve(f), migrations.resolve(f));
        }
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "released");
        git(repo, "tag", "v1");
        // on the branch: V6 committed, V7 written but not yet added
        Files.copy(SHOP.resolve("V6__coupons.sql"), migrations.resolve("V6__coupons.sql"));
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "coupons");
        Files.copy(SHOP.resolve("V7__coupon_status_index.sql"), migrations.resolve("V7__coupon_status_index.sql"));
        assertThat(run("lint", "--dialect", "postgresql:15", "--changed-since", "v1", migrations.toString()))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("2 files (5 more read as history), 7 statements: 0 errors,"
                + " 0 warnings, 0 notes");
        // once V6 is released, a change to orders (created in V1, history) is judged as a change to a live table
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "index");
        git(repo, "tag", "v2");
        Files.writeString(migrations.resolve("V8__orders_status.sql"), "SET lock_timeout = '2s';\n"
                + "CREATE INDEX idx_orders_status ON orders (status);\n");
        assertThat(run("lint", "--dialect", "postgresql:15", "--changed-since", "v2", migrations.toString()))
                .isEqualTo(1);
        assertThat(errors()).containsExactly("V8__orders_status.sql create-index-blocks-writes");
        assertThat(out.toString()).contains("1 file (7 more read as history)");
        // nothing changed since HEAD: a pull request without migrations lints nothing, exit 0
        Files.delete(migrations.resolve("V8__orders_status.sql"));
        assertThat(run("lint", "--changed-since", "HEAD", migrations.toString())).isZero();
        assertThat(out.toString()).startsWith("0 files (7 more read as history)");
        // a revision git does not know, a folder outside any repository: exit 2, one line
        assertThat(run("lint", "--changed-since", "no-such-tag", migrations.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("strategist: --changed-since no-such-tag: git cannot compare with this revision (");
        Path outside = Files.createDirectories(dir.resolve("plain"));
        Files.copy(SHOP.resolve("V1__init.sql"), outside.resolve("V1__init.sql"));
        assertThat(run("lint", "--changed-since", "v1", outside.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("strategist: --changed-since v1: " + outside + " is not inside a git repository");
    }

    @Test
    void changedSinceWithoutGitIsOneLineAndExitTwo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "lint", "--changed-since", "main", SHOP.toString());
        pb.environment().put("PATH", dir.resolve("no-bin").toString()); // no git on the PATH
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err"))).singleElement().asString()
                .startsWith("strategist: --changed-since main: cannot run git (")
                .endsWith("install git or name the new files with --new FILE");
        assertThat(Files.readString(dir.resolve("out"))).isEmpty();
    }

    @Test
    void aPathWithoutMigrationFilesIsExitTwoWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("lint", empty.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("strategist: " + empty
                + ": no migration files in it (no *.sql file)");
        assertThat(out.toString()).isEmpty();
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("README.md"), "# migrations live elsewhere");
        Files.writeString(notes.resolve("V1__init.sql.bak"), "CREATE TABLE t (id int);");
        assertThat(run("lint", notes.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("strategist: " + notes
                + ": no migration files in it (no *.sql file)");
        assertThat(run("lint", dir.resolve("typo").toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("strategist: " + dir.resolve("typo")
                + ": no such file or directory");
        // everything excluded by the configuration
        Path config = Files.writeString(dir.resolve("c.yaml"), "exclude: [\"**/*.sql\"]\n");
        assertThat(run("lint", "--config", config.toString(), SHOP.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("no migration files in it");
    }

    @Test
    void filesRunInFlywayOrder() throws IOException {
        for (String f : List.of("V10__j.sql", "V1_1__b.sql", "V2__c.sql", "R__views.sql", "V1__a.sql", "R__a.sql",
                "V1_10__e.sql", "V1_9__d.sql")) {
            Files.writeString(dir.resolve(f), "SELECT 1;");
        }
        assertThat(MigrationFiles.collect(List.of(dir), List.of(), dir)).extracting(MigrationFile::name)
                .containsExactly("V1__a.sql", "V1_1__b.sql", "V1_9__d.sql", "V1_10__e.sql", "V2__c.sql",
                        "V10__j.sql", "R__a.sql", "R__views.sql");
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(repo);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
