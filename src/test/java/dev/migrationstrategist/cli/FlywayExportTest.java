package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.FlywayFolder;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan --emit flyway DIR}, run by Flyway itself (flyway-core) on the real servers, one release at a time, with
 * the application's writes of each version between the stretches and a writer running through the backfill; then
 * compared with {@code apply} of the same plan on a twin database: same table, same data.
 */
class FlywayExportTest {
    static final String SCHEMA = """
            CREATE TABLE users (
                id    BIGINT PRIMARY KEY,
                name  VARCHAR(255),
                email VARCHAR(255) NOT NULL
            );
            """;
    static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    @Tag("postgres")
    void postgres() throws Exception {
        try (TestDatabase flyway = TestDatabases.postgres(); TestDatabase applied = TestDatabases.postgres()) {
            run(flyway, applied, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadb() throws Exception {
        try (TestDatabase flyway = TestDatabases.mariadb(); TestDatabase applied = TestDatabases.mariadb()) {
            run(flyway, applied, "mariadb:10.11");
        }
    }

    private void run(TestDatabase fw, TestDatabase ap, String dialect) throws Exception {
        seed(fw);
        seed(ap);
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, SCHEMA);
        Path migrations = dir.resolve("db/migration");
        Files.createDirectories(migrations);
        // an existing migration: the export numbers on from it
        Files.writeString(migrations.resolve("V1__baseline.sql"), "SELECT 1;\n");
        Cli plan = Cli.run("plan", "--dialect", dialect, "--schema", schema.toString(), "--batch-size", "1000",
                "--sql", "ALTER TABLE users RENAME COLUMN name TO full_name", "--out", dir.resolve("report").toString(),
                "--print", "none", "--emit", "flyway", migrations.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.err()).contains("Flyway migrations (V2 on)");
        String readme = Files.readString(migrations.resolve(FlywayFolder.README));
        assertThat(readme).contains("flyway migrate -target=", "Deploy v1.1", "Deploy v1.2");
        try (Stream<Path> files = Files.list(migrations)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).anyMatch(n -> n.matches("V\\d+__backfill_step3_users\\.sql\\.conf"));
            for (String n : names.stream().filter(n -> n.endsWith(".conf")).toList()) {
                assertThat(Files.readString(migrations.resolve(n))).isEqualTo("executeInTransaction=false\n");
            }
        }

        // strategist lint on the exported folder, as a team's build runs it: clean; the contract's DROP COLUMN
        // carries an ignore line saying which release made it safe (lint alone cannot know the releases ran)
        Cli lint = Cli.run("lint", "--dialect", dialect, migrations.toString());
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.out()).contains("0 errors");
        try (Stream<Path> files = Files.list(migrations)) {
            Path contract = files.filter(p -> p.getFileName().toString().contains("__contract_"))
                    .filter(p -> read(p).contains("DROP COLUMN")).findFirst().orElseThrow();
            assertThat(Files.readString(contract)).containsPattern("-- strategist:ignore drop-column-in-use contract"
                    + " step \\d+ of the plan: runs only once v1.2 is deployed everywhere");
        }

        // the versions of each stretch: the README's targets, read from the same export
        List<Integer> targets = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("flyway migrate -target=(\\d+)").matcher(readme);
        while (m.find()) {
            targets.add(Integer.parseInt(m.group(1)));
        }
        assertThat(targets).hasSize(2);

        // stretch 1: the expand, while v1.0 runs (it writes name only: the trigger fills full_name)
        migrate(fw, migrations, String.valueOf(targets.get(0)));
        assertThat(fw.columns("users")).contains("name", "full_name");
        fw.execute("INSERT INTO users (id, name, email) VALUES (" + (ROWS + 1) + ", 'v10', 'a@x')");
        ap.execute("INSERT INTO users (id, name, email) VALUES (" + (ROWS + 1) + ", 'v10', 'a@x')");
        // v1.1 deployed: it writes both columns; stretch 2 is the backfill, under a writer of v1.1
        long[] worst = new long[1];
        java.util.Map<Long, String> written = new java.util.concurrent.ConcurrentHashMap<>();
        MigrateResult backfill = underWriter(fw, worst, written,
                () -> migrate(fw, migrations, String.valueOf(targets.get(1))));
        assertThat(written).as("the writer's updates").hasSizeGreaterThan(10);
        assertThat(backfill.migrationsExecuted).isPositive();
        assertThat(fw.count("SELECT count(*) FROM users WHERE full_name IS NULL AND name IS NOT NULL")).isZero();
        assertThat(worst[0]).as("longest app write during the backfill, ms").isLessThan(2_000 + 1_000);
        // v1.2 deployed: it writes full_name only; the rest: the gate, then the contract
        fw.execute("INSERT INTO users (id, full_name, email) VALUES (" + (ROWS + 2) + ", 'v12', 'b@x')");
        migrate(fw, migrations, "latest");

        Cli apply = Cli.run("apply", "--db", ap.jdbcUrl(), "--user", ap.user(), "--plan",
                dir.resolve("report/migration-strategist-output.json").toString(), "--through", "contract",
                "--confirm-contract", "--batch-size", "1000");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        ap.execute("INSERT INTO users (id, full_name, email) VALUES (" + (ROWS + 2) + ", 'v12', 'b@x')");
        // the writer's last value of each row it wrote during the Flyway backfill, written on the apply side too:
        // if the backfill had lost one of them, the two tables would differ there
        written.forEach((id, v) -> ap.execute("UPDATE users SET full_name = '" + v + "' WHERE id = " + id));
        ap.execute("UPDATE users SET full_name = 'w' || id WHERE id % 97 = 0".replace("'w' || id",
                fw.family().equals("postgresql") ? "'w' || id" : "CONCAT('w', id)"));
        fw.execute("UPDATE users SET full_name = 'w' || id WHERE id % 97 = 0".replace("'w' || id",
                fw.family().equals("postgresql") ? "'w' || id" : "CONCAT('w', id)"));

        assertThat(columns(fw)).as("the table after Flyway = after apply").isEqualTo(columns(ap));
        assertThat(fw.columns("users")).contains("full_name").doesNotContain("name");
        assertThat(rows(fw)).as("the data after Flyway = after apply").isEqualTo(rows(ap));
        assertThat(fw.count("SELECT count(*) FROM users WHERE full_name = 'name-" + 7 + "'")).isEqualTo(1);
        assertThat(triggers(fw)).as("no sync trigger left").isEqualTo(triggers(ap)).isZero();
    }

    /** Statements that cannot run in a transaction: each its own migration, marked, and Flyway runs them. */
    @Test
    @Tag("postgres")
    void postgresConcurrentIndexAndUniqueRunOutsideATransaction() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            seed(db);
            Path schema = dir.resolve("schema.sql");
            Files.writeString(schema, SCHEMA);
            Path migrations = dir.resolve("pg-index");
            Cli plan = Cli.run("plan", "--dialect", "postgresql:15", "--schema", schema.toString(),
                    "--sql", "CREATE INDEX users_name_idx ON users (name)",
                    "--sql", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
                    "--out", dir.resolve("report").toString(), "--print", "none", "--emit", "flyway",
                    migrations.toString(), "--emit-version", "2");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            try (Stream<Path> files = Files.list(migrations)) {
                List<Path> concurrently = files.filter(p -> p.toString().endsWith(".sql")).filter(p -> {
                    try {
                        return Files.readString(p).contains("CONCURRENTLY");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
                assertThat(concurrently).hasSize(2);
                for (Path p : concurrently) {
                    assertThat(Path.of(p + ".conf")).as(p + " is marked").exists();
                    assertThat(p.getFileName().toString()).as("numbered from --emit-version").doesNotStartWith("V1__");
                }
            }
            try (Stream<Path> files = Files.list(migrations)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    if (Files.readString(p).contains("ALTER TABLE")) {
                        assertThat(Files.readString(p)).as(p + ": the lock timeout first").startsWith("SET lock_timeout");
                    }
                }
            }
            Cli lint = Cli.run("lint", "--dialect", "mariadb:10.11", migrations.toString());
            assertThat(lint.exitCode()).as("the export lints clean: " + lint).isZero();
            assertThat(migrate(db, migrations, "latest").migrationsExecuted).isPositive();
            assertThat(db.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE c.relname IN ('users_name_idx', 'users_email_key') AND i.indisvalid"
                    + " AND c.relnamespace = '" + db.scope() + "'::regnamespace")).isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_key'"
                    + " AND contype = 'u' AND connamespace = '" + db.scope() + "'::regnamespace")).isEqualTo(1);
        }
    }

    /** MariaDB's type change: new column, backfill procedure, the LOCK TABLES swap window as one migration. */
    @Test
    @Tag("mariadb")
    void mariadbTypeChangeWithItsSwapWindow() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE scores (id BIGINT PRIMARY KEY, score INT NOT NULL DEFAULT 0)",
                    "INSERT INTO scores SELECT seq, seq * 3 FROM seq_1_to_5000");
            Path schema = dir.resolve("scores.sql");
            Files.writeString(schema, "CREATE TABLE scores (id BIGINT PRIMARY KEY, score INT NOT NULL DEFAULT 0);");
            Path migrations = dir.resolve("maria-type");
            Cli plan = Cli.run("plan", "--dialect", "mariadb:10.11", "--schema", schema.toString(),
                    "--batch-size", "700", "--sql", "ALTER TABLE scores MODIFY score BIGINT NOT NULL DEFAULT 0",
                    "--out", dir.resolve("report").toString(), "--print", "none", "--emit", "flyway",
                    migrations.toString(), "--emit-version", "2");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            try (Stream<Path> files = Files.list(migrations)) {
                List<Path> windows = files.filter(p -> p.toString().endsWith(".sql")).filter(p -> {
                    try {
                        return Files.readString(p).contains("LOCK TABLES");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
                assertThat(windows).as("the swap window is one migration").hasSize(1);
                assertThat(Files.readString(windows.get(0))).contains("UNLOCK TABLES");
            }
            assertThat(migrate(db, migrations, "latest").migrationsExecuted).isPositive();
            assertThat(db.rows("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + db.scope()
                    + "' AND table_name = 'scores' AND column_name = 'score'")).containsExactly(List.of("bigint"));
            assertThat(db.columns("scores")).containsExactly("id", "score");
            assertThat(db.count("SELECT count(*) FROM scores WHERE score = id * 3")).isEqualTo(5000);
            assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '"
                    + db.scope() + "'")).isZero();
        }
    }

    private static MigrateResult migrate(TestDatabase db, Path dir, String target) {
        org.flywaydb.core.api.configuration.FluentConfiguration config = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + dir.toAbsolutePath()).schemas(db.scope()).defaultSchema(db.scope())
                .createSchemas(false).baselineOnMigrate(true).baselineVersion("1").target(target);
        // Flyway's default PostgreSQL lock is a transaction-level advisory lock held in an open transaction, which
        // CREATE INDEX CONCURRENTLY waits for forever: the export's README says to turn it off
        config.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
        return config.load().migrate();
    }

    /** Runs {@code work} while a writer of v1.1 updates rows (both columns) in its own autocommit transactions. */
    private static MigrateResult underWriter(TestDatabase db, long[] worst, java.util.Map<Long, String> written,
                                             java.util.function.Supplier<MigrateResult> work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong longest = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection c = db.newConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET name = ?, full_name = ? WHERE id = ?")) {
                long i = 0;
                while (!stop.get()) {
                    long id = 1 + (i * 7919) % ROWS;
                    String v = "w11-" + i++;
                    ps.setString(1, v);
                    ps.setString(2, v);
                    ps.setLong(3, id);
                    long t = System.nanoTime();
                    ps.executeUpdate();
                    written.put(id, v);
                    longest.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        writer.start();
        try {
            return work.get();
        } finally {
            stop.set(true);
            writer.join();
            worst[0] = longest.get();
            assertThat(failed.get()).as("the app's writes during the backfill").isNull();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void seed(TestDatabase db) {
        db.execute(SCHEMA.trim().replaceAll(";$", ""));
        if (db.family().equals("postgresql")) {
            db.execute("INSERT INTO users (id, name, email) SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'name-' || g"
                    + " END, 'u' || g || '@example.com' FROM generate_series(1, " + ROWS + ") g");
        } else {
            db.execute("INSERT INTO users (id, name, email) SELECT seq, IF(seq % 10 = 0, NULL, CONCAT('name-', seq)),"
                    + " CONCAT('u', seq, '@example.com') FROM seq_1_to_" + ROWS);
        }
    }

    private static List<List<String>> columns(TestDatabase db) {
        return db.rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '"
                + db.scope() + "' AND table_name = 'users' ORDER BY column_name");
    }

    private static List<List<String>> rows(TestDatabase db) {
        return db.rows("SELECT id, full_name, email FROM users ORDER BY id");
    }

    private static long triggers(TestDatabase db) {
        return db.count("SELECT count(*) FROM information_schema.triggers WHERE event_object_table = 'users'"
                + " AND trigger_schema = '" + db.scope() + "'");
    }
}
