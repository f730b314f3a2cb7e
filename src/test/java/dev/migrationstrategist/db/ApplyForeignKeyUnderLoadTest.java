package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A full apply of ADD FOREIGN KEY orders -> customers on 100,000 orders, planned from the live database, while
 * writer threads keep inserting customers and orders and re-pointing orders (never at a missing customer).
 * PostgreSQL: NOT VALID, then VALIDATE; MariaDB: foreign_key_checks = 0 in the migration's session, in place.
 * Orphans stop the run at the orphan gate with exit 1 until they are fixed. At the end the foreign key is valid
 * and enforced, and every row is present with the last values written.
 */
class ApplyForeignKeyUnderLoadTest {
    static final long ROWS = 100_000;
    static final String ADD_FK = "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
            + " REFERENCES customers (id);";

    @Test
    @Tag("postgres")
    void postgresAddForeignKeyUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            run(db);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbAddForeignKeyUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            run(db);
        }
    }

    private void run(TestDatabase db) throws Exception {
        boolean pg = db.family().equals("postgresql");
        OrdersWorkload.seed(db, ROWS, true);
        // three orphans no app writer touches
        db.execute("INSERT INTO orders (id, customer_id, qty, note) VALUES (2000000001, 999001, 1, 'orphan'),"
                + " (2000000002, 999002, 1, 'orphan'), (2000000003, 999003, 1, 'orphan')");
        Database database = ApplyScenario.database(db);
        PlanResult planned = Strategist.configure().liveDatabase(database).load().planSql(ADD_FK);
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        Path planPath = dir.resolve(PlanResult.JSON_FILE);
        PlanFile plan = PlanFile.read(planPath);
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyOptions options = ApplyOptions.defaults();

        try (OrdersWorkload app = new OrdersWorkload(db, 3, ROWS)) {
            app.start();
            Thread.sleep(200);
            StrategistException gate = catchThrowableOfType(StrategistException.class,
                    () -> new Applier(database, options, log).apply(plan, planPath.toString()));
            assertThat(gate.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(gate.getMessage()).contains("returned 3 (must be 0)", "nothing of this step was run");
            // PostgreSQL added it NOT VALID (new writes are checked) and stopped before VALIDATE; MariaDB added nothing
            assertThat(db.count(fkCount(db))).isEqualTo(pg ? 1 : 0);

            db.execute("DELETE FROM orders WHERE note = 'orphan'");
            ApplyResult done = new Applier(database, options, log).apply(plan, planPath.toString());
            assertThat(done.complete()).isTrue();
            Thread.sleep(300);
            app.close();

            assertThat(app.errors()).as("errors the application saw").isEmpty();
            assertThat(app.operations()).isGreaterThan(200);
            assertThat(db.count(fkCount(db))).isEqualTo(1);
            if (pg) {
                assertThat(db.column("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_customer_fk'"))
                        .containsExactly("t");
            } else {
                assertThat(log.contains("verified again after the step")).isTrue();
            }
            assertThat(db.count("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c"
                    + " WHERE c.id = o.customer_id)")).isZero();
            long inserted = app.expected().keySet().stream().filter(id -> id > ROWS).count();
            assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ROWS + inserted);
            Map<Long, OrdersWorkload.Row> actual = new HashMap<>();
            for (List<String> row : db.rows("SELECT id, customer_id, qty FROM orders")) {
                actual.put(Long.parseLong(row.get(0)), new OrdersWorkload.Row(Long.parseLong(row.get(1)),
                        Long.parseLong(row.get(2))));
            }
            for (long id = 1; id <= ROWS; id++) {
                assertThat(actual.get(id)).as("order %d", id)
                        .isEqualTo(app.expected().getOrDefault(id, OrdersWorkload.seeded(id)));
            }
            app.expected().forEach((id, row) -> assertThat(actual.get(id)).as("order %d", id).isEqualTo(row));
            System.out.printf("add FK under load (%s): %d app operations, 0 errors%n", db.family(),
                    app.operations());
        }
        // enforced from now on, for every session
        Throwable orphan = catchThrowableOfType(RuntimeException.class, () -> db.execute(
                "INSERT INTO orders (id, customer_id, qty) VALUES (2000000009, 999009, 1)"));
        assertThat(orphan).isNotNull();
    }

    /**
     * MariaDB: the ALTER times out behind another session's metadata lock after both SETs ran; the rerun resumes
     * at the ALTER and must set foreign_key_checks = 0 again for it (else the in-place ALTER is refused).
     */
    @Test
    @Tag("mariadb")
    void mariadbResumedForeignKeyStepSetsItsSessionAgain() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            OrdersWorkload.seed(db, 1_000, true);
            Database database = ApplyScenario.database(db);
            PlanResult planned = Strategist.configure().liveDatabase(database).load().planSql(ADD_FK);
            Path dir = ApplyScenario.tempDir();
            planned.write(dir);
            PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
            ApplyOptions once = ApplyOptions.defaults().withLockTimeout(Duration.ofSeconds(1))
                    .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10));
            try (Connection holder = db.newConnection(); Statement st = holder.createStatement()) {
                holder.setAutoCommit(false);
                st.executeQuery("SELECT count(*) FROM orders").close(); // holds a metadata lock until commit
                StrategistException timedOut = catchThrowableOfType(StrategistException.class,
                        () -> new Applier(database, once, ApplyLog.silent()).apply(plan, "p"));
                assertThat(timedOut.getMessage()).contains("still waiting for a lock");
                holder.commit();
            }
            assertThat(db.count("SELECT statements_done FROM " + StateStore.STEPS_TABLE + " WHERE step = 1"))
                    .as("both SETs ran, the ALTER did not").isEqualTo(2);
            assertThat(new Applier(database, once, ApplyLog.silent()).apply(plan, "p").complete()).isTrue();
            assertThat(db.count(fkCount(db))).isEqualTo(1);
        }
    }

    private static String fkCount(TestDatabase db) {
        return "SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = '" + db.scope()
                + "' AND table_name = 'orders' AND constraint_type = 'FOREIGN KEY'";
    }
}
