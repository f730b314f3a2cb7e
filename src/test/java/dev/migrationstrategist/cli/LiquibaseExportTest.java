package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.MariaDBDatabase;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code plan --emit liquibase DIR}, run by Liquibase itself (liquibase-core) on the real servers: one release at a
 * time ({@code --label-filter before-<version>}), with the application's writes of each version between the stretches
 * and a writer running through the backfill; then compared with {@code apply} of the same plan on a twin database
 * (same catalog, same data). Also: a changeset that meets a held lock fails after the lock timeout and runs again, a
 * rollback through Liquibase, and the YAML and formatted SQL changelogs parse to the same changesets.
 */
class LiquibaseExportTest {
    static final String USERS = """
            CREATE TABLE users (
                id    BIGINT PRIMARY KEY,
                name  VARCHAR(255),
                email VARCHAR(255) NOT NULL
            );
            """;
    static final String SCORES = "CREATE TABLE scores (id BIGINT PRIMARY KEY, score INT NOT NULL DEFAULT 0);";
    static final int ROWS = 20_000;
    static final String YAML_MASTER = "db.changelog-master.yaml";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    @TempDir
    Path dir;

    @BeforeAll
    static void quiet() {
        // no usage report leaves the test run (Liquibase 4.30+ sends one unless told not to)
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    @Test
    @Tag("postgres")
    void postgresRenameColumnYaml() throws Exception {
        try (TestDatabase lb = TestDatabases.postgres(); TestDatabase ap = TestDatabases.postgres()) {
            renameColumn(lb, ap, "postgresql:15", YAML_MASTER);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRenameColumnFormattedSql() throws Exception {
        try (TestDatabase lb = TestDatabases.mariadb(); TestDatabase ap = TestDatabases.mariadb()) {
            renameColumn(lb, ap, "mariadb:10.11", null);
        }
    }

    @Test
    @Tag("postgres")
    void postgresTypeChangeFormattedSql() throws Exception {
        try (TestDatabase lb = TestDatabases.postgres(); TestDatabase ap = TestDatabases.postgres()) {
            typeChange(lb, ap, "postgresql:15", "ALTER TABLE scores ALTER COLUMN score TYPE BIGINT", null);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbTypeChangeYaml() throws Exception {
        try (TestDatabase lb = TestDatabases.mariadb(); TestDatabase ap = TestDatabases.mariadb()) {
            typeChange(lb, ap, "mariadb:10.11", "ALTER TABLE scores MODIFY score BIGINT NOT NULL DEFAULT 0",
                    YAML_MASTER);
        }
    }

    @Test
    @Tag("postgres")
    void postgresIndexConcurrentlyAndItsRollback() throws Exception {
        try (TestDatabase lb = TestDatabases.postgres(); TestDatabase ap = TestDatabases.postgres()) {
            index(lb, ap, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbIndexAndItsRollback() throws Exception {
        try (TestDatabase lb = TestDatabases.mariadb(); TestDatabase ap = TestDatabases.mariadb()) {
            index(lb, ap, "mariadb:10.11");
        }
    }

    /** The YAML and the formatted SQL are the same changesets: ids, labels, transactions, gates, SQL, rollbacks. */
    @Test
    void yamlAndFormattedSqlParseToTheSameChangesets() throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, USERS + SCORES);
        List<String[]> cases = List.of(
                new String[]{"postgresql:15", "ALTER TABLE users RENAME COLUMN name TO full_name"},
                new String[]{"postgresql:15", "ALTER TABLE scores ALTER COLUMN score TYPE BIGINT"},
                new String[]{"postgresql:15", "CREATE INDEX users_name_idx ON users (name)"},
                new String[]{"mariadb:10.11", "ALTER TABLE users RENAME COLUMN name TO full_name"},
                new String[]{"mariadb:10.11", "ALTER TABLE scores MODIFY score BIGINT NOT NULL DEFAULT 0"},
                new String[]{"mariadb:10.11", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"});
        int n = 0;
        for (String[] c : cases) {
            Path out = dir.resolve("parse" + n++);
            Cli plan = Cli.run("plan", "--dialect", c[0], "--schema", schema.toString(), "--sql", c[1],
                    "--out", dir.resolve("report").toString(), "--print", "none", "--emit", "liquibase",
                    out.toString(), "--emit-author", "team-db");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            Database offline = c[0].startsWith("postgresql") ? new PostgresDatabase() : new MariaDBDatabase();
            List<String> yaml = describe(out, changelog(out, ".yaml"), offline);
            List<String> sql = describe(out, changelog(out, ".sql"), offline);
            assertThat(sql).as(c[1]).isEqualTo(yaml);
            assertThat(String.join("\n", yaml)).as(c[1]).contains("author=team-db", "lock_")
                    .as("every statement runs as written: no batch placeholder").doesNotContain("?");
        }
    }

    /** strategist lint reads the exported formatted SQL statement by statement: the "/" delimiter lines are no SQL. */
    @Test
    void lintReadsTheFormattedSqlStatementByStatement() throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, USERS);
        Path out = dir.resolve("lint");
        Cli plan = Cli.run("plan", "--dialect", "postgresql:15", "--schema", schema.toString(), "--sql",
                "CREATE INDEX users_name_idx ON users (name)", "--sql",
                "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)", "--out",
                dir.resolve("report").toString(), "--print", "none", "--emit", "liquibase", out.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        Cli lint = Cli.run("lint", "--dialect", "postgresql:15", "--schema", schema.toString(),
                changelog(out, ".sql").toString());
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.out()).as(lint.toString())
                .contains("1 file, 4 statements: 0 errors, 0 warnings, 0 notes, 0 unrecognised statements");
    }

    @Test
    void refusesAnUnknownToolAndOptionsOfTheOtherTool() throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, USERS);
        Cli wrongTool = Cli.run("plan", "--schema", schema.toString(), "--sql", "CREATE INDEX i ON users (name)",
                "--out", dir.resolve("r").toString(), "--emit", "sqitch", dir.resolve("x").toString());
        assertThat(wrongTool.exitCode()).isEqualTo(2);
        assertThat(wrongTool.err()).contains("--emit sqitch: expected flyway or liquibase");
        Cli author = Cli.run("plan", "--schema", schema.toString(), "--sql", "CREATE INDEX i ON users (name)",
                "--out", dir.resolve("r").toString(), "--emit", "flyway", dir.resolve("x").toString(),
                "--emit-author", "me");
        assertThat(author.exitCode()).isEqualTo(2);
        assertThat(author.err()).contains("--emit-author is for --emit liquibase");
        Cli version = Cli.run("plan", "--schema", schema.toString(), "--sql", "CREATE INDEX i ON users (name)",
                "--out", dir.resolve("r").toString(), "--emit", "liquibase", dir.resolve("y").toString(),
                "--emit-version", "3");
        assertThat(version.exitCode()).isEqualTo(2);
        assertThat(version.err()).contains("--emit-version is for --emit flyway");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
        // a second export of the same change into the same folder is refused, the first left as it was
        Path folder = dir.resolve("twice");
        String[] args = {"plan", "--schema", schema.toString(), "--sql", "CREATE INDEX i ON users (name)", "--out",
                dir.resolve("r").toString(), "--print", "none", "--emit", "liquibase", folder.toString()};
        assertThat(Cli.run(args).exitCode()).isZero();
        String before = Files.readString(changelog(folder, ".yaml"));
        Cli again = Cli.run(args);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
        assertThat(Files.readString(changelog(folder, ".yaml"))).isEqualTo(before);
    }

    /** The gates halt Liquibase: the contract before its backfill ran, a unique key over duplicates. */
    @Test
    @Tag("postgres")
    void postgresGateHaltsTheContractBeforeTheBackfill() throws Exception {
        try (TestDatabase lb = TestDatabases.postgres()) {
            seedUsers(lb);
            Path changelogs = export("postgresql:15", USERS, "ALTER TABLE users RENAME COLUMN name TO full_name", "1000");
            update(lb, changelogs, YAML_MASTER, "before-v1.1");
            assertThatThrownBy(() -> update(lb, changelogs, YAML_MASTER, "contract"))
                    .hasStackTraceContaining("step 3 backfill is not complete");
            assertThat(lb.columns("users")).as("the contract did not run").contains("name", "full_name");
            assertThat(ran(lb)).noneMatch(id -> id.contains("contract"));
            update(lb, changelogs, YAML_MASTER, null);
            assertThat(lb.columns("users")).containsExactly("id", "email", "full_name");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbGateHaltsAUniqueKeyOverDuplicates() throws Exception {
        try (TestDatabase lb = TestDatabases.mariadb()) {
            seedUsers(lb);
            lb.execute("UPDATE users SET email = 'same@example.com' WHERE id IN (3, 4)");
            Path changelogs = export("mariadb:10.11", USERS,
                    "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)", "1000");
            String sql = changelog(changelogs, ".sql").getFileName().toString();
            assertThatThrownBy(() -> update(lb, changelogs, sql, null))
                    .hasStackTraceContaining("SQL Precondition failed.  Expected '0' got '1'");
            assertThat(indexes(lb)).noneMatch(row -> row.toString().contains("users_email_key"));
            assertThat(ran(lb)).isEmpty();
            lb.execute("UPDATE users SET email = 'u4@example.com' WHERE id = 4");
            update(lb, changelogs, sql, null);
            assertThat(indexes(lb)).anyMatch(row -> row.toString().contains("users_email_key"));
        }
    }

    /**
     * A Spring Boot project's changelog folder, shaped as teams keep it: a master that includes numbered files. The
     * export takes the next number, leaves the master alone and says what to include; Liquibase then runs the master
     * with the include added.
     */
    @Test
    @Tag("postgres")
    void numberedFolderWithItsOwnMaster() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            Path changelog = dir.resolve("src/main/resources/db/changelog");
            Path changesets = changelog.resolve("changesets");
            Files.createDirectories(changesets);
            Files.writeString(changesets.resolve("081-create-users.sql"), "--liquibase formatted sql\n"
                    + "--changeset Jane Doe:081-create-users\n--comment: Create users\n"
                    + USERS.replace("NOT NULL", "NOT NULL DEFAULT ''") + "--rollback DROP TABLE users;\n");
            Files.writeString(changesets.resolve("009-seed.yml"), "databaseChangeLog: []\n");
            String master = "databaseChangeLog:\n  - include:\n      file: changesets/081-create-users.sql\n"
                    + "      relativeToChangelogFile: true\n";
            Files.writeString(changelog.resolve(YAML_MASTER), master);
            update(db, changelog, YAML_MASTER, null);
            Path schema = dir.resolve("schema.sql");
            Files.writeString(schema, USERS);
            Cli plan = Cli.run("plan", "--dialect", "postgresql:15", "--schema", schema.toString(), "--sql",
                    "CREATE INDEX users_email_idx ON users (email)", "--out", dir.resolve("report").toString(),
                    "--print", "none", "--emit", "liquibase", changesets.toString(), "--emit-author", "Jane Doe");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(changesets.resolve("082-strategist-create-index-users.yaml")).exists();
            assertThat(changesets.resolve("082-strategist-create-index-users.sql")).exists();
            assertThat(changesets.resolve(YAML_MASTER)).as("the folder's master is the team's: none written here")
                    .doesNotExist();
            String readme = Files.readString(changesets.resolve("README-082-strategist-create-index-users.md"));
            assertThat(readme).contains("file: 082-strategist-create-index-users.yaml");
            Files.writeString(changelog.resolve(YAML_MASTER), master
                    + "  - include:\n      file: changesets/082-strategist-create-index-users.sql\n"
                    + "      relativeToChangelogFile: true\n");
            update(db, changelog, YAML_MASTER, null);
            assertThat(ran(db)).containsExactly("081-create-users", "step1-expand-create-index-users");
            assertThat(db.column("SELECT author FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("Jane Doe", "Jane Doe");
            assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + db.scope()
                    + "' AND indexname = 'users_email_idx'")).isEqualTo(1);
        }
    }

    private void renameColumn(TestDatabase lb, TestDatabase ap, String dialect, String yamlMaster) throws Exception {
        seedUsers(lb);
        seedUsers(ap);
        Path changelogs = export(dialect, USERS, "ALTER TABLE users RENAME COLUMN name TO full_name", "1000");
        String changelog = yamlMaster != null ? yamlMaster : changelog(changelogs, ".sql").getFileName().toString();
        String readme = Files.readString(readme(changelogs));
        assertThat(readme).contains("liquibase update --label-filter=before-v1.1", "Deploy v1.1",
                "liquibase update --label-filter=before-v1.2", "Deploy v1.2");

        // every value the application wrote, by row: replayed on the apply side at the end
        Map<Long, String> written = new ConcurrentHashMap<>();
        // stretch 1, the expand, first against a session that holds a lock on the table: the changeset waits for the
        // lock timeout (2s), fails, and is not recorded; the application's writes queue no longer than that
        try (Connection holder = lb.newConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT count(*) FROM users");
            long[] worst = new long[2];
            long start = System.nanoTime();
            underWriter(lb, worst, written, "UPDATE users SET name = ? WHERE id = ?", () -> {
                assertThatThrownBy(() -> update(lb, changelogs, changelog, "before-v1.1"))
                        .hasStackTraceContaining(lb.family().equals("postgresql") ? "lock timeout"
                                : "Lock wait timeout");
                return null;
            });
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertThat(waited).as("the update gave up after the lock timeout, ms").isGreaterThanOrEqualTo(1_900);
            assertThat(worst[0]).as("longest app write while the expand waited, ms").isLessThan(2_000 + 2_500);
            holder.rollback();
        }
        if (lb.family().equals("postgresql")) {
            assertThat(lb.columns("users")).as("the failed transactional changeset left nothing").doesNotContain("full_name");
        }
        update(lb, changelogs, changelog, "before-v1.1");
        assertThat(lb.columns("users")).contains("name", "full_name");
        assertThat(lb.count("SELECT count(*) FROM users WHERE full_name IS NULL AND name IS NOT NULL"))
                .as("the backfill is past the boundary: not run yet").isPositive();
        assertThat(ran(lb)).allMatch(id -> id.startsWith("step1-"));
        lb.execute("INSERT INTO users (id, name, email) VALUES (" + (ROWS + 1) + ", 'v10', 'a@x')");
        ap.execute("INSERT INTO users (id, name, email) VALUES (" + (ROWS + 1) + ", 'v10', 'a@x')");

        // v1.1 deployed: it writes both columns; stretch 2 is the backfill, under a writer of v1.1
        long[] worst = new long[2];
        underWriter(lb, worst, written, "UPDATE users SET name = ?, full_name = ? WHERE id = ?", () -> {
            update(lb, changelogs, changelog, "before-v1.2");
            return null;
        });
        assertThat(worst[1]).as("the writer's updates during the backfill").isGreaterThan(10);
        assertThat(worst[0]).as("longest app write during the backfill, ms").isLessThan(2_000 + 2_500);
        assertThat(lb.count("SELECT count(*) FROM users WHERE full_name IS NULL AND name IS NOT NULL")).isZero();
        assertThat(lb.columns("users")).as("the contract is past the second boundary").contains("name");

        // v1.2 deployed: it writes full_name only; the rest: the gate, then the contract
        lb.execute("INSERT INTO users (id, full_name, email) VALUES (" + (ROWS + 2) + ", 'v12', 'b@x')");
        update(lb, changelogs, changelog, null);

        Cli apply = Cli.run("apply", "--db", ap.jdbcUrl(), "--user", ap.user(), "--plan",
                dir.resolve("report/migration-strategist-output.json").toString(), "--through", "contract",
                "--confirm-contract", "--batch-size", "1000");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        ap.execute("INSERT INTO users (id, full_name, email) VALUES (" + (ROWS + 2) + ", 'v12', 'b@x')");
        // the writer's last value of each row it wrote during the Liquibase backfill, written on the apply side too:
        // had the backfill lost one of them, the two tables would differ there
        written.forEach((id, v) -> ap.execute("UPDATE users SET full_name = '" + v + "' WHERE id = " + id));

        assertThat(columns(lb, "users")).as("the table after Liquibase = after apply").isEqualTo(columns(ap, "users"));
        assertThat(catalog(lb, "users")).as("its indexes, constraints, triggers").isEqualTo(catalog(ap, "users"));
        assertThat(lb.columns("users")).contains("full_name").doesNotContain("name");
        assertThat(lb.rows("SELECT id, full_name, email FROM users ORDER BY id")).as("the data after Liquibase = after apply")
                .isEqualTo(ap.rows("SELECT id, full_name, email FROM users ORDER BY id"));
        assertThat(lb.count("SELECT count(*) FROM users WHERE full_name = 'name-7'")).isEqualTo(1);
        assertThat(triggers(lb)).as("no sync trigger left").isEqualTo(triggers(ap)).isZero();
    }

    private void typeChange(TestDatabase lb, TestDatabase ap, String dialect, String change, String yamlMaster)
            throws Exception {
        seedScores(lb);
        seedScores(ap);
        Path changelogs = export(dialect, SCORES, change, "700");
        String changelog = yamlMaster != null ? yamlMaster : changelog(changelogs, ".sql").getFileName().toString();
        List<String> labels = labels(readme(changelogs));
        assertThat(labels).as("one stretch per release, then the rest").isNotEmpty();
        Map<Long, String> written = new ConcurrentHashMap<>();
        long[] worst = new long[2];
        // every stretch under a writer of the running version (it writes score only: the sync keeps the copy)
        underWriter(lb, worst, written, "UPDATE scores SET score = ? WHERE id = ?", () -> {
            for (String label : labels) {
                update(lb, changelogs, changelog, label);
            }
            update(lb, changelogs, changelog, null);
            return null;
        });
        assertThat(written).hasSizeGreaterThan(10);
        assertThat(worst[0]).as("longest app write through the whole changelog, ms").isLessThan(2_000 + 2_500);

        Cli apply = Cli.run("apply", "--db", ap.jdbcUrl(), "--user", ap.user(), "--plan",
                dir.resolve("report/migration-strategist-output.json").toString(), "--through", "contract",
                "--confirm-contract", "--batch-size", "700");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        written.forEach((id, v) -> ap.execute("UPDATE scores SET score = " + v + " WHERE id = " + id));

        assertThat(columns(lb, "scores")).as("the table after Liquibase = after apply").isEqualTo(columns(ap, "scores"));
        assertThat(catalog(lb, "scores")).as("its indexes, constraints, triggers").isEqualTo(catalog(ap, "scores"));
        assertThat(lb.rows("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + lb.scope()
                + "' AND table_name = 'scores' AND column_name = 'score'")).containsExactly(List.of("bigint"));
        assertThat(lb.rows("SELECT id, score FROM scores ORDER BY id")).as("the data after Liquibase = after apply")
                .isEqualTo(ap.rows("SELECT id, score FROM scores ORDER BY id"));
        assertThat(lb.count("SELECT count(*) FROM scores WHERE score = id * 3")).isEqualTo(5000 - written.size());
        assertThat(triggers(lb)).as("no sync trigger left").isZero();
    }

    private void index(TestDatabase lb, TestDatabase ap, String dialect) throws Exception {
        seedUsers(lb);
        seedUsers(ap);
        Path changelogs = export(dialect, USERS, "CREATE INDEX users_name_idx ON users (name)", "1000");
        String yaml = Files.readString(changelog(changelogs, ".yaml"));
        if (dialect.startsWith("postgresql")) {
            assertThat(yaml).contains("CONCURRENTLY", "runInTransaction: false");
        }
        long[] worst = new long[2];
        Map<Long, String> written = new ConcurrentHashMap<>();
        underWriter(lb, worst, written, "UPDATE users SET name = ? WHERE id = ?", () -> {
            update(lb, changelogs, YAML_MASTER, null);
            return null;
        });
        assertThat(written).hasSizeGreaterThan(10);
        assertThat(worst[0]).as("longest app write during the index build, ms").isLessThan(2_000 + 2_500);
        Cli apply = Cli.run("apply", "--db", ap.jdbcUrl(), "--user", ap.user(), "--plan",
                dir.resolve("report/migration-strategist-output.json").toString(), "--through", "contract",
                "--confirm-contract");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(indexes(lb)).as("the index after Liquibase = after apply").isEqualTo(indexes(ap))
                .anyMatch(row -> row.toString().contains("users_name_idx"));

        // rolled back through Liquibase: its rollback (the plan's) drops it, and the changeset is no longer recorded
        rollback(lb, changelogs, YAML_MASTER, ran(lb).size());
        assertThat(indexes(lb)).noneMatch(row -> row.toString().contains("users_name_idx"));
        assertThat(ran(lb)).isEmpty();
        update(lb, changelogs, changelog(changelogs, ".sql").getFileName().toString(), null);
        assertThat(indexes(lb)).as("built again from the formatted SQL").isEqualTo(indexes(ap));
    }

    /** Rolled back through Liquibase: the rename's expand, then run again. */
    @Test
    @Tag("postgres")
    void postgresRenameExpandRolledBackThroughLiquibase() throws Exception {
        try (TestDatabase lb = TestDatabases.postgres()) {
            seedUsers(lb);
            Path changelogs = export("postgresql:15", USERS, "ALTER TABLE users RENAME COLUMN name TO full_name", "1000");
            update(lb, changelogs, YAML_MASTER, "before-v1.1");
            assertThat(lb.columns("users")).contains("full_name");
            assertThat(triggers(lb)).isPositive();
            rollback(lb, changelogs, YAML_MASTER, 1);
            assertThat(lb.columns("users")).containsExactly("id", "name", "email");
            assertThat(triggers(lb)).isZero();
            assertThat(ran(lb)).isEmpty();
            update(lb, changelogs, YAML_MASTER, "before-v1.1");
            assertThat(lb.columns("users")).contains("full_name");
            // the contract is irreversible: no rollback, so Liquibase refuses to roll back past it
            update(lb, changelogs, YAML_MASTER, null);
            assertThatThrownBy(() -> rollback(lb, changelogs, YAML_MASTER, 1))
                    .hasStackTraceContaining("No inverse to liquibase.change.core.RawSQLChange");
            assertThat(ran(lb)).last().asString().startsWith("step5-contract");
            assertThat(lb.columns("users")).containsExactly("id", "email", "full_name");
        }
    }

    private Path export(String dialect, String schemaDdl, String change, String batchSize) throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, schemaDdl);
        Path changelogs = dir.resolve("db/changelog");
        Cli plan = Cli.run("plan", "--dialect", dialect, "--schema", schema.toString(), "--batch-size", batchSize,
                "--sql", change, "--out", dir.resolve("report").toString(), "--print", "none",
                "--emit", "liquibase", changelogs.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.err()).contains("Liquibase changesets", YAML_MASTER);
        return changelogs;
    }

    private static Path changelog(Path folder, String suffix) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("strategist-")
                    && p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static Path readme(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("README-")).findFirst().orElseThrow();
        }
    }

    /** The labels of the README's stretches, in order ({@code liquibase update --label-filter=X}). */
    private static List<String> labels(Path readme) throws Exception {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--label-filter=([\\w.-]+)")
                .matcher(Files.readString(readme));
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Liquibase liquibase(TestDatabase db, Path folder, String changelog) throws Exception {
        Connection c = db.newConnection();
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        if (db.family().equals("postgresql")) {
            database.setDefaultSchemaName(db.scope());
        }
        return new Liquibase(changelog, new DirectoryResourceAccessor(folder), database);
    }

    /** {@code liquibase update [--label-filter=labels]}. */
    private static void update(TestDatabase db, Path folder, String changelog, String labels) throws Exception {
        try (Liquibase lb = liquibase(db, folder, changelog)) {
            lb.update(new Contexts(), labels == null ? new LabelExpression() : new LabelExpression(labels));
        }
    }

    /** {@code liquibase rollback-count --count=n}. */
    private static void rollback(TestDatabase db, Path folder, String changelog, int count) throws Exception {
        try (Liquibase lb = liquibase(db, folder, changelog)) {
            lb.rollback(count, new Contexts(), new LabelExpression());
        }
    }

    /** The ids of the changesets Liquibase recorded as run, in order. */
    private static List<String> ran(TestDatabase db) {
        String table = db.family().equals("postgresql") ? "databasechangelog" : "DATABASECHANGELOG";
        return db.column("SELECT id FROM " + table + " ORDER BY orderexecuted");
    }

    /** What Liquibase parses from a changelog: each changeset's identity, labels, transaction, gates, SQL, rollback. */
    private static List<String> describe(Path folder, Path file, Database offline) throws Exception {
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(folder);
        String name = file.getFileName().toString();
        DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(name, accessor)
                .parse(name, new ChangeLogParameters(offline), accessor);
        List<String> out = new ArrayList<>();
        for (ChangeSet s : log.getChangeSets()) {
            out.add("changeset id=" + s.getId() + " author=" + s.getAuthor() + " path=" + s.getFilePath()
                    + " labels=" + s.getLabels() + " inTransaction=" + s.isRunInTransaction());
            PreconditionContainer pre = s.getPreconditions();
            if (pre != null) {
                out.add("  preconditions onFail=" + pre.getOnFail() + " onError=" + pre.getOnError());
                pre.getNestedPreconditions().forEach(p -> out.add("  sqlCheck " + ((SqlPrecondition) p).getSql().trim()
                        + " = " + ((SqlPrecondition) p).getExpectedResult()));
            }
            for (Change c : s.getChanges()) {
                statements(c, offline).forEach(sql -> out.add("  run " + sql));
            }
            for (Change c : s.getRollback().getChanges()) {
                statements(c, offline).forEach(sql -> out.add("  rollback " + sql));
            }
        }
        return out;
    }

    private static List<String> statements(Change change, Database offline) {
        List<String> out = new ArrayList<>();
        for (SqlStatement st : change.generateStatements(offline)) {
            out.add(st instanceof RawSqlStatement raw ? raw.getSql().trim() : st.toString());
        }
        if (change instanceof liquibase.change.core.EmptyChange || change instanceof liquibase.change.core.RawSQLChange raw
                && "empty".equalsIgnoreCase(raw.getSql())) {
            // YAML's "rollback: empty" is parsed as that text, which Liquibase then runs as nothing
            out.clear();
            out.add("(empty)");
        }
        return out;
    }

    /**
     * Runs {@code work} while a writer updates rows in its own autocommit transactions: {@code worst[0]} its longest
     * write in ms, {@code worst[1]} how many it made.
     */
    private static void waitFor(AtomicLong count, long atLeast) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (count.get() < atLeast && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    private static void underWriter(TestDatabase db, long[] worst, Map<Long, String> written, String update,
                                    java.util.concurrent.Callable<Void> work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong longest = new AtomicLong();
        AtomicLong count = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        int keys = update.contains("scores") ? 5000 : ROWS;
        int params = (int) update.chars().filter(ch -> ch == '?').count();
        Thread writer = new Thread(() -> {
            try (Connection c = db.newConnection(); PreparedStatement ps = c.prepareStatement(update)) {
                long i = SEQUENCE.getAndAdd(1_000_003); // each writer its own values
                while (!stop.get()) {
                    long id = 1 + (i * 7919) % keys;
                    String v = update.contains("scores") ? String.valueOf(1_000_000 + i) : "w-" + i;
                    i++;
                    for (int p = 1; p < params; p++) {
                        if (update.contains("scores")) {
                            ps.setLong(p, Long.parseLong(v));
                        } else {
                            ps.setString(p, v);
                        }
                    }
                    ps.setLong(params, id);
                    long t = System.nanoTime();
                    ps.executeUpdate();
                    written.put(id, v);
                    longest.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                    count.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        writer.start();
        try {
            // the writer is running before the work starts, and has written enough rows to be checked once it ends
            // (a work of a few milliseconds left it 10 writes once, under CI load): the rows are what is checked
            waitFor(count, 5);
            work.call();
            waitFor(count, 20);
        } finally {
            stop.set(true);
            writer.join();
            worst[0] = longest.get();
            worst[1] = count.get();
            System.out.println("LiquibaseExportTest writer (" + db.family() + "): " + worst[1]
                    + " updates, longest " + worst[0] + " ms");
        }
        assertThat(failed.get()).as("the app's writes").isNull();
    }

    private static void seedUsers(TestDatabase db) {
        db.execute(USERS.trim().replaceAll(";$", ""));
        if (db.family().equals("postgresql")) {
            db.execute("INSERT INTO users (id, name, email) SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'name-' || g"
                    + " END, 'u' || g || '@example.com' FROM generate_series(1, " + ROWS + ") g");
        } else {
            db.execute("INSERT INTO users (id, name, email) SELECT seq, IF(seq % 10 = 0, NULL, CONCAT('name-', seq)),"
                    + " CONCAT('u', seq, '@example.com') FROM seq_1_to_" + ROWS);
        }
    }

    private static void seedScores(TestDatabase db) {
        db.execute(SCORES.replaceAll(";$", ""));
        db.execute(db.family().equals("postgresql")
                ? "INSERT INTO scores SELECT g, g * 3 FROM generate_series(1, 5000) g"
                : "INSERT INTO scores SELECT seq, seq * 3 FROM seq_1_to_5000");
    }

    private static List<List<String>> columns(TestDatabase db, String table) {
        return db.rows("SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = '" + db.scope() + "' AND table_name = '" + table + "' ORDER BY column_name");
    }

    private static List<List<String>> indexes(TestDatabase db) {
        return indexes(db, "users");
    }

    private static List<List<String>> indexes(TestDatabase db, String table) {
        return db.family().equals("postgresql")
                ? db.rows("SELECT indexname, replace(indexdef, '" + db.scope() + ".', '') FROM pg_indexes"
                + " WHERE schemaname = '" + db.scope() + "' AND tablename = '" + table + "' ORDER BY indexname")
                : db.rows("SELECT index_name, column_name, non_unique, seq_in_index FROM information_schema.statistics"
                + " WHERE table_schema = '" + db.scope() + "' AND table_name = '" + table + "'"
                + " ORDER BY index_name, seq_in_index");
    }

    /** The table's indexes, constraints and triggers, as the server's catalog describes them. */
    private static List<List<String>> catalog(TestDatabase db, String table) {
        List<List<String>> out = new ArrayList<>(indexes(db, table));
        out.addAll(db.family().equals("postgresql")
                ? db.rows("SELECT conname, contype::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"
                + db.scope() + "." + table + "'::regclass ORDER BY conname")
                : db.rows("SELECT constraint_name, constraint_type FROM information_schema.table_constraints"
                + " WHERE table_schema = '" + db.scope() + "' AND table_name = '" + table + "' ORDER BY constraint_name"));
        out.addAll(db.rows("SELECT trigger_name, action_timing, event_manipulation FROM information_schema.triggers"
                + " WHERE trigger_schema = '" + db.scope() + "' AND event_object_table = '" + table + "'"
                + " ORDER BY trigger_name, event_manipulation"));
        return out;
    }

    private static long triggers(TestDatabase db) {
        return db.count("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '" + db.scope() + "'");
    }
}
