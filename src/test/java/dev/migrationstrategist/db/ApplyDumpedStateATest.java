package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No false refusal: State A built on the server from DDL, dumped with today's {@code pg_dump --schema-only} or
 * {@code mariadb-dump --no-data}, planned from the dump, then applied to the same database. The dump spells what
 * the server reports ({@code character varying(255)}, {@code 'active'::character varying}, {@code bigint(20)},
 * {@code current_timestamp()}, {@code DEFAULT NULL}, a FOREIGN KEY's index), the live catalog its own way; apply
 * must find them equal. The tables have NOT NULL columns, defaults, varchars, an index, a foreign key, a unique
 * key and a check. Skipped only when the dump tool is not installed.
 */
class ApplyDumpedStateATest {
    static final List<String> DDL = List.of(
            "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(255) NOT NULL,"
                    + " status VARCHAR(20) NOT NULL DEFAULT 'active', visits INT NOT NULL DEFAULT 0,"
                    + " created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT customers_email_key"
                    + " UNIQUE (email))",
            "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " total NUMERIC(12,2) NOT NULL DEFAULT 0, note TEXT, paid BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " CONSTRAINT orders_total_check CHECK (total >= 0),"
                    + " CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id))",
            "CREATE INDEX orders_created_idx ON orders (customer_id, total)");
    static final String[] CHANGES = {
            "--sql", "ALTER TABLE customers RENAME COLUMN email TO email_address",
            "--sql", "ALTER TABLE orders ADD COLUMN channel VARCHAR(20) NOT NULL DEFAULT 'web'"};

    @Test
    @Tag("postgres")
    void aPlanFromAPgDumpIsAcceptedByTheDatabaseItWasDumpedFrom() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            db.execute(DDL);
            String dump = pgDump(db);
            assertThat(dump).contains("character varying(255)", "'active'::character varying");
            Path plan = acceptedFromDump(db, dump, "postgresql:15");
            try (TestDatabase drifted = TestDatabases.postgres("fp_")) {
                refusedWhereItDrifted(drifted, plan, "ALTER TABLE customers ALTER COLUMN status TYPE VARCHAR(30)");
            }
        }
    }

    @Test
    @Tag("mariadb")
    void aPlanFromAMariadbDumpIsAcceptedByTheDatabaseItWasDumpedFrom() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            db.execute(DDL);
            String dump = mariadbDump(db);
            assertThat(dump).contains("current_timestamp()", "KEY `orders_created_idx`");
            Path plan = acceptedFromDump(db, dump, "mariadb:10.11");
            try (TestDatabase drifted = TestDatabases.mariadb("fp_")) {
                refusedWhereItDrifted(drifted, plan, "ALTER TABLE customers MODIFY status VARCHAR(30) NOT NULL"
                        + " DEFAULT 'active'");
            }
        }
    }

    @Test
    @Tag("postgres")
    void serialAndIdentityColumnsOfAPgDumpAreNoDifference() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            db.execute("CREATE TABLE events (id SERIAL PRIMARY KEY, seq BIGINT GENERATED ALWAYS AS IDENTITY,"
                    + " n BIGSERIAL, kind VARCHAR(20) NOT NULL DEFAULT 'click')");
            String dump = pgDump(db);
            assertThat(dump).contains("nextval('" + db.scope() + ".events_id_seq'::regclass)");
            Path file = ApplyScenario.tempDir().resolve("dump.sql");
            Files.writeString(file, dump);
            Path plan = ProofRun.plan("--dialect", "postgresql:15", "--schema", file.toString(),
                    "rename column events.kind to event_kind");
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("State A checked");
        }
    }

    @Test
    @Tag("mariadb")
    void autoIncrementColumnsOfAMariadbDumpAreNoDifference() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            db.execute("CREATE TABLE events (id INT AUTO_INCREMENT PRIMARY KEY, kind VARCHAR(20) NOT NULL DEFAULT"
                    + " 'click', at DATETIME(3) NULL, flag BOOLEAN DEFAULT TRUE, amount DOUBLE, code CHAR(3))",
                    "INSERT INTO events (kind) VALUES ('a'), ('b')");
            String dump = mariadbDump(db);
            assertThat(dump).contains("AUTO_INCREMENT");
            Path file = ApplyScenario.tempDir().resolve("dump.sql");
            Files.writeString(file, dump);
            Path plan = ProofRun.plan("--dialect", "mariadb:10.11", "--schema", file.toString(),
                    "rename column events.kind to event_kind");
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("State A checked");
        }
    }

    /** The same plan, where State A was built from the same DDL and then drifted: refused, the drift named. */
    private static void refusedWhereItDrifted(TestDatabase db, Path plan, String drift) {
        db.execute(DDL);
        db.execute(drift, "ALTER TABLE orders DROP CONSTRAINT orders_total_check");
        Cli run = ProofRun.apply(db, plan);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("column customers.status: varchar(20) not null default 'active' in the plan's"
                + " State A, varchar(30) not null default 'active' in the database", "table orders: check total"
                + " name=orders_total_check: in the plan's State A, missing in the database");
        assertThat(ProofRun.stateTables(db)).isEmpty();
    }

    private static Path acceptedFromDump(TestDatabase db, String dump, String dialect) throws Exception {
        Path file = ApplyScenario.tempDir().resolve("dump.sql");
        Files.writeString(file, dump);
        List<String> args = new java.util.ArrayList<>(List.of("--dialect", dialect, "--schema", file.toString()));
        args.addAll(List.of(CHANGES));
        Path plan = ProofRun.plan(args.toArray(String[]::new));
        ObjectNode json = ProofRun.json(plan);
        assertThat(json.at("/state_a/tables").findValuesAsText("name")).contains("customers", "orders");

        Cli run = ProofRun.apply(db, plan);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("State A checked: the 2 table(s) the plan touches are as it was made from");
        assertThat(db.columns("customers")).contains("email", "email_address");
        assertThat(db.columns("orders")).contains("channel");
        return plan;
    }

    /** pg_dump of the test schema on whichever server the test database lives (local or embedded). */
    private static String pgDump(TestDatabase db) throws Exception {
        java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        String dump = run("pg_dump", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", db.user(),
                "--schema-only", "--schema=" + db.scope(), database);
        return dump;
    }

    private static String mariadbDump(TestDatabase db) throws Exception {
        java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return run(onPath("mariadb-dump") ? "mariadb-dump" : "mysqldump", "-h", uri.getHost(), "-P",
                String.valueOf(uri.getPort()), "-u" + db.user(), "--no-data", db.scope());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Path err = Files.createTempFile("dump", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        // the installed pg_dump cannot dump a newer server (an embedded one of another major version): not this test's
        Assumptions.assumeFalse(stderr.contains("server version mismatch"), command[0] + " skipped: " + stderr.strip());
        assertThat(p.exitValue()).as(command[0] + " exit code (" + stderr.strip() + ")").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(d -> new File(d, tool).canExecute());
    }
}
