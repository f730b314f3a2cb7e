package dev.migrationstrategist.cli;

import dev.migrationstrategist.rehearsal.RehearsalReport;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code strategist rehearse} through the real command line: exit codes, one-line errors, scratch namespaces. */
class RehearseCommandTest {
    static final String SCHEMA = "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT NOT NULL);\n";
    static final String PHRASE = "rename column users.name to full_name";

    @TempDir
    Path dir;

    private Path schema() throws Exception {
        return Files.writeString(dir.resolve("schema.sql"), SCHEMA);
    }

    /** This test's own scratch prefix: other suites rehearse on the same server at the same time. */
    private final String prefix = "rct" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8) + "_";

    private List<String> args(TestDatabase db, String... more) {
        List<String> a = new ArrayList<>(List.of("rehearse", "--db", db.jdbcUrl(), "--user", db.user(),
                "--scratch-prefix", prefix));
        a.addAll(List.of(more));
        return a;
    }

    /** This test's scratch namespaces on the server (only its own prefix is counted). */
    private List<String> leftovers(TestDatabase db) {
        return db.column("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '"
                + prefix.replace("_", "\\_") + "%'");
    }

    @Test
    void missingDbExitsTwoWithOneLine() throws Exception {
        Cli r = Cli.run("rehearse", "--schema", schema().toString(), PHRASE);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--db");
        assertThat(r.out()).isEmpty();
    }

    /**
     * No --db: an embedded PostgreSQL 11 is started for the run (binaries resolved at run time, not bundled), the
     * rehearsal runs on it, and it is gone afterwards (its port refuses connections).
     */
    @Test
    void withoutDbAnEmbeddedServerOfTheAskedVersionRunsTheRehearsalAndIsRemoved() throws Exception {
        Cli r = Cli.run("rehearse", "--dialect", "postgresql:11", "--schema", schema().toString(), "--rows", "1000",
                "--clients", "2", "--out", dir.toString(),
                "--sql", "ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp()");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("rehearse: starting an embedded PostgreSQL 11.22.1");
        assertThat(r.out()).contains("Rehearsal on PostgreSQL 11", "verdict: PASS");
        assertThat(dir.resolve(RehearsalReport.JSON_FILE)).isNotEmptyFile();
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("\\(embedded\\) at jdbc:postgresql://"
                + "localhost:(\\d+)/").matcher(r.err());
        assertThat(port.find()).as(r.err()).isTrue();
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port.group(1)
                + "/postgres", "postgres", "").close()).as("the embedded server is stopped")
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void embeddedServerInputErrorsAreOneLineAndStartNothing() throws Exception {
        Cli unknown = Cli.run("rehearse", "--dialect", "mariadb:10.6", "--schema", schema().toString(), PHRASE);
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString()
                .isEqualTo("strategist: --dialect mariadb:10.6: no embedded MariaDB 10.6; known: 10.2, 10.11");
        Cli both = Cli.run("rehearse", "--db", "jdbc:postgresql://127.0.0.1:1/x", "--dialect", "postgresql:11",
                "--schema", schema().toString(), PHRASE);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("--dialect").contains("only without --db");
        Cli noSchema = Cli.run("rehearse", "--dialect", "postgresql:11", PHRASE);
        assertThat(noSchema.exitCode()).isEqualTo(2);
        assertThat(noSchema.errLines()).singleElement().asString().contains("--schema").contains("without --db");
        Cli prefix = Cli.run("rehearse", "--dialect", "postgresql:11", "--scratch-prefix", "Bad-Prefix",
                "--schema", schema().toString(), PHRASE);
        assertThat(prefix.exitCode()).isEqualTo(2);
        assertThat(prefix.errLines()).singleElement().asString().contains("--scratch-prefix 'Bad-Prefix'");
        assertThat(unknown.err() + both.err() + noSchema.err() + prefix.err()).doesNotContain("starting an embedded");
    }

    @Test
    @Tag("postgres")
    void badInputExitsTwoWithOneLineAndCreatesNoScratchNamespace() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            List<String> before = leftovers(db);
            Cli unknown = Cli.run(args(db, "--schema", schema().toString(), "--out", dir.toString(),
                    "--sql", "ALTER TABLE users RENAME COLUMN nope TO x"));
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
            assertThat(unknown.errLines()).singleElement().asString().startsWith("strategist: ").contains("nope");
            Cli notCovered = Cli.run(args(db, "--schema", schema().toString(), "--out", dir.toString(),
                    "change type of users.email to integer"));
            assertThat(notCovered.exitCode()).as(notCovered.toString()).isEqualTo(2);
            assertThat(notCovered.errLines()).singleElement().asString().contains("users.email text -> integer")
                    .contains("not covered");
            assertThat(leftovers(db)).isEqualTo(before);
            assertThat(dir.resolve(RehearsalReport.JSON_FILE)).doesNotExist();
        }
    }

    @Test
    @Tag("postgres")
    void withoutSchemaStateAIsReadFromTheDatabaseWhichIsNotWritten() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(SCHEMA.trim().replaceAll(";$", ""),
                    "INSERT INTO users SELECT g, 'n' || g, 'e' || g FROM generate_series(1, 50) g");
            List<String> before = leftovers(db);
            Cli r = Cli.run(args(db, "--rows", "1000", "--clients", "2", "--out", dir.toString(), PHRASE));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("verdict: PASS", "final catalog equals State B: ");
            // a phrase's naive side runs the change's own ALTER: both sides' charts, linked from the Markdown
            assertThat(dir.resolve("migration-strategist-rehearsal-plan.png")).isNotEmptyFile();
            assertThat(dir.resolve("migration-strategist-rehearsal-naive.png")).isNotEmptyFile();
            assertThat(Files.readString(dir.resolve(RehearsalReport.MARKDOWN_FILE)))
                    .contains("](migration-strategist-rehearsal-plan.png)", "](migration-strategist-rehearsal-naive.png)");
            // the live table is State A's source only: same columns, same 50 rows, no trigger
            assertThat(db.columns("users")).containsExactly("id", "name", "email");
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(50);
            assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE event_object_schema"
                    + " = current_schema()")).isZero();
            assertThat(leftovers(db)).isEqualTo(before);
        }
    }

    @Test
    @Tag("postgres")
    void rowsTheGeneratorCannotLoadExitTwoAndTheScratchSchemaIsDropped() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            List<String> before = leftovers(db);
            Path checked = Files.writeString(dir.resolve("checked.sql"), "CREATE TABLE users (id BIGINT PRIMARY KEY,"
                    + " name VARCHAR(255), score INT NOT NULL CHECK (score > 1000000));\n");
            Cli r = Cli.run(args(db, "--schema", checked.toString(), "--rows", "100", "--out", dir.toString(), PHRASE));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines().stream().filter(l -> l.startsWith("strategist: "))).singleElement().asString()
                    .contains("cannot generate rows for table users").contains("check");
            assertThat(leftovers(db)).isEqualTo(before);
        }
    }

    @Test
    @Tag("postgres")
    void aBrokenInvariantExitsOneAndTheScratchSchemasAreDropped() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            List<String> before = leftovers(db);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(out));
            cmd.setErr(new PrintWriter(err));
            RehearseCommand rehearse = (RehearseCommand) cmd.getSubcommands().get("rehearse").getCommandSpec()
                    .userObject();
            rehearse.hook = (side, c) -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE users SET full_name = 'tampered'");
                }
            };
            int code = cmd.execute(args(db, "--schema", schema().toString(), "--rows", "2000", "--clients", "2",
                    "--out", dir.toString(), PHRASE).toArray(String[]::new));
            assertThat(code).as(out + "\n" + err).isEqualTo(1);
            assertThat(out.toString()).contains("FAIL  no lost or wrong write")
                    .contains("PASS  zero client errors")
                    .contains("ALTER TABLE users RENAME COLUMN name TO full_name -- ")
                    .contains("verdict: FAIL");
            assertThat(err.toString()).contains("rehearse: plan side: backfill (step 3)").contains("ops/s");
            assertThat(Files.readString(dir.resolve(RehearsalReport.JSON_FILE))).contains("\"passed\" : false");
            assertThat(Files.readString(dir.resolve(RehearsalReport.MARKDOWN_FILE))).contains("| no lost or wrong write | FAIL |");
            assertThat(leftovers(db)).isEqualTo(before);
        }
    }

    @Test
    @Tag("postgres")
    void keepLeavesTheScratchSchemaForALook() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            List<String> before = leftovers(db);
            Cli r = Cli.run(args(db, "--schema", schema().toString(), "--rows", "500", "--clients", "1", "--keep",
                    "--out", dir.toString(), PHRASE));
            List<String> kept = new ArrayList<>(leftovers(db));
            kept.removeAll(before);
            try {
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(kept).hasSize(2).anyMatch(k -> k.endsWith("_naive"));
                String plan = kept.stream().filter(k -> k.endsWith("_plan")).findFirst().orElseThrow();
                assertThat(r.out()).contains("plan side (" + plan + ")");
                assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                        + plan + "' AND table_name = 'users' AND column_name = 'full_name'")).isEqualTo(1);
            } finally {
                for (String s : kept) {
                    db.execute("DROP SCHEMA " + s + " CASCADE");
                }
            }
        }
    }
}
