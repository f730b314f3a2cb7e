package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadlock of the "running out of ids" plan's first step (PostgreSQL), made deterministic: {@code refund.payment_id}
 * (integer) is too narrow for {@code payment.payment_id} becoming bigint, so the plan widens it first, directly. An
 * application transaction has inserted a payment and is about to insert its refund when the step starts. The step
 * must wait for that transaction, not close a cycle with it. Which side of a cycle PostgreSQL aborts is decided by
 * whose {@code deadlock_timeout} expires first; the application session sets a short one, so that a cycle, if the
 * step made one, is always resolved against the application (as it was under load, when the application's wait
 * happened to begin first). Without the step's {@code LOCK TABLE payment} (then {@code refund NOWAIT}) the step locks {@code refund} for
 * its rewrite and then waits for {@code payment}, and the application's refund insert fails with 40P01.
 */
class KeyWideningLockOrderTest {
    static final String SCHEMA = """
            CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(7,2) NOT NULL);
            CREATE TABLE refund (refund_id serial PRIMARY KEY, payment_id integer NOT NULL,
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
            CREATE INDEX idx_refund_payment ON refund (payment_id);
            """;

    @Test
    @Tag("postgres")
    void theChildsWideningWaitsForAParentThenChildWriterInsteadOfDeadlockingIt() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(SCHEMA);
            db.execute("INSERT INTO payment (amount) SELECT g % 100 FROM generate_series(1, 20000) g",
                    "INSERT INTO refund (payment_id) SELECT g * 7 % 20000 + 1 FROM generate_series(1, 2000) g",
                    "ANALYZE payment", "ANALYZE refund");
            Database database = ApplyScenario.database(db);
            PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(10_000)
                    .rows("refund", 2_000).load().planSql("ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;");
            Path dir = ApplyScenario.tempDir();
            planned.write(dir);
            Path planPath = dir.resolve(PlanResult.JSON_FILE);
            PlanFile plan = PlanFile.read(planPath);
            SchemaStep first = (SchemaStep) plan.steps().get(0);
            assertThat(first.sql()).as("the child's widening, parent locked first, the child at once or not")
                    .hasSize(4);
            assertThat(first.sql().get(0)).startsWith("SET lock_timeout");
            assertThat(first.sql().get(1)).matches("LOCK TABLE \"?payment\"? IN ACCESS EXCLUSIVE MODE;");
            assertThat(first.sql().get(2)).matches("LOCK TABLE \"?refund\"? IN ACCESS EXCLUSIVE MODE NOWAIT;");
            assertThat(first.sql().get(3)).contains("ALTER TABLE").contains("refund").contains("TYPE bigint");

            try (Connection app = db.newConnection()) {
                app.setAutoCommit(false);
                try (Statement st = app.createStatement()) {
                    st.execute("SET deadlock_timeout = '20ms'");
                }
                long id;
                try (PreparedStatement ps = app.prepareStatement(
                        "INSERT INTO payment (amount) VALUES (1) RETURNING payment_id");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                int appPid = pid(app);
                List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                CompletableFuture<ApplyResult> apply = CompletableFuture.supplyAsync(() -> new Applier(database,
                        ApplyOptions.defaults(), line -> lines.add(line)).apply(plan, planPath.toString()));
                // the step waits for a lock on payment: with the fix at its LOCK TABLE, holding nothing; without it
                // after its rewrite of refund, holding refund
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (db.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = "
                        + "'payment'::regclass AND pid <> " + appPid) == 0) {
                    assertThat(System.nanoTime()).as("the step waits for payment").isLessThan(deadline);
                    assertThat(apply).as("apply still running").isNotDone();
                    Thread.sleep(5);
                }
                String error = null;
                try (PreparedStatement ps = app.prepareStatement("INSERT INTO refund (payment_id) VALUES (?)")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                    app.commit();
                } catch (SQLException e) {
                    error = e.getSQLState() + " " + e.getMessage();
                    app.rollback();
                }
                ApplyResult result = apply.get(60, TimeUnit.SECONDS);
                assertThat(error).as("the application's refund insert, while the step waits").isNull();
                assertThat(result.stoppedAt()).as("apply went on to the app release gate").isPositive();
                assertThat(db.count("SELECT count(*) FROM refund WHERE payment_id = " + id)).isEqualTo(1);
                assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                        + " current_schema() AND table_name = 'refund' AND column_name = 'payment_id'"))
                        .containsExactly("bigint");
                assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                        + " AND conname = 'fk_refund_payment' AND"
                        + " convalidated")).isEqualTo(1);
                assertThat(lines).as("the step ran once: no deadlock, no lock timeout")
                        .noneMatch(l -> l.contains("deadlock") || l.contains("lock timeout"));
            }
            // and back: the rollback of the child's widening takes the locks in the same order
            assertThat(new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true))
                    .contains(1);
            assertThat(db.column("SELECT table_name || '.' || data_type FROM information_schema.columns WHERE"
                    + " table_schema = current_schema() AND column_name = 'payment_id' ORDER BY 1"))
                    .containsExactly("payment.integer", "refund.integer");
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                    + " AND conname = 'fk_refund_payment' AND"
                    + " convalidated")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM refund")).isEqualTo(2001);
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
