package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan, apply and roll back on a rental schema with views, a materialized view, routines, a "last updated" trigger
 * (PostgreSQL) or ON UPDATE CURRENT_TIMESTAMP columns (MariaDB), an audit trigger writing another table and a
 * generated column, while an application keeps updating and inserting customers: afterwards every view, routine and
 * trigger works, and no column other than the changed one changed in any row the application did not write.
 */
class ApplyWithDependantsTest {
    private static final int ROWS = 20_000;

    @Test
    @Tag("postgres")
    void postgresRenameKeepsLastUpdateAndEveryDependantWorks() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            renameEndToEnd(db);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRenameKeepsOnUpdateColumnsAndEveryDependantWorks() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            renameEndToEnd(db);
        }
    }

    @Test
    @Tag("postgres")
    void postgresTypeChangeRolledBackLeavesEverythingAsItWas() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            typeChangeRolledBack(db);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbTypeChangeRolledBackLeavesEverythingAsItWas() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            typeChangeRolledBack(db);
        }
    }

    private void renameEndToEnd(TestDatabase db) throws Exception {
        boolean pg = load(db);
        Map<Long, String> before = snapshot(db, "phone");
        Path planPath = plan(db, "rename column customer.phone to phone_number");
        String json = Files.readString(planPath);
        assertThat(json).as("the plan names what runs for the triggers / ON UPDATE columns")
                .contains(pg ? "session_replication_role = replica" : "last_update = last_update");
        PlanFile plan = PlanFile.read(planPath);
        ApplyScenario.Log log = new ApplyScenario.Log();
        Database database = ApplyScenario.database(db);
        ApplyOptions options = ApplyOptions.defaults().withBatching(2_000, Duration.ofMillis(20), Duration.ZERO)
                .withThrough(Phase.CONTRACT).withConfirmContract(true);
        try (Writer app = new Writer(db)) {
            app.start();
            Thread.sleep(200);
            ApplyResult result = new Applier(database, options, log).apply(plan, planPath.toString());
            assertThat(result.complete()).as(String.join("\n", log.lines)).isTrue();
            Thread.sleep(200);
            app.close();
            assertThat(app.errors).as("application errors").isEmpty();
            assertThat(app.updated).as("rows the application updated").isNotEmpty();
            Map<Long, String> after = snapshot(db, "phone_number");
            int compared = 0;
            for (Map.Entry<Long, String> e : before.entrySet()) {
                if (!app.updated.contains(e.getKey())) {
                    assertThat(after.get(e.getKey())).as("row %d, every column but the renamed one", e.getKey())
                            .isEqualTo(e.getValue());
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(ROWS / 2);
            assertThat(db.count("SELECT count(*) FROM customer WHERE customer_id <= " + ROWS
                    + " AND phone_number = " + (pg ? "'p' || customer_id" : "CONCAT('p', customer_id)")))
                    .isEqualTo(ROWS);
        }
        dependantsWork(db, pg);
    }

    private void typeChangeRolledBack(TestDatabase db) throws Exception {
        boolean pg = load(db);
        Map<Long, String> before = snapshot(db, null);
        Path planPath = plan(db, "change type of customer.loyalty_points to bigint");
        PlanFile plan = PlanFile.read(planPath);
        ApplyScenario.Log log = new ApplyScenario.Log();
        Database database = ApplyScenario.database(db);
        ApplyOptions options = ApplyOptions.defaults().withBatching(2_000, Duration.ofMillis(20), Duration.ZERO)
                .withThrough(Phase.CONSTRAIN);
        try (Writer app = new Writer(db)) {
            app.start();
            Thread.sleep(200);
            ApplyResult result = new Applier(database, options, log).apply(plan, planPath.toString());
            assertThat(result.ran()).as(String.join("\n", log.lines)).isNotEmpty();
            assertThat(log.contains("backfill customer")).as(String.join("\n", log.lines)).isTrue();
            List<Integer> undone = new Rollbacker(database, ApplyOptions.defaults(), log).rollback(plan, true);
            assertThat(undone).isNotEmpty();
            Thread.sleep(200);
            app.close();
            assertThat(app.errors).as("application errors").isEmpty();
            Map<Long, String> after = snapshot(db, null);
            for (Map.Entry<Long, String> e : before.entrySet()) {
                if (!app.updated.contains(e.getKey())) {
                    assertThat(after.get(e.getKey())).as("row %d", e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
        assertThat(db.columns("customer")).doesNotContain("loyalty_points_new");
        dependantsWork(db, pg);
    }

    /** Loads the fixture and ROWS customers written on 2020-01-01; true on PostgreSQL. */
    private static boolean load(TestDatabase db) throws Exception {
        boolean pg = db.family().equals("postgresql");
        DependantReaderTest.load(db, pg ? "postgres.sql" : "mariadb.sql");
        db.execute("INSERT INTO store (store_id, name) VALUES (1, 'Lethbridge')");
        if (!pg) {
            db.execute("SET SESSION max_recursive_iterations = 100000");
        }
        String cols = "customer_id, store_id, first_name, last_name, email, phone, loyalty_points, active, last_update";
        db.execute(pg
                ? "INSERT INTO customer (" + cols + ") SELECT g, 1, 'first' || g, 'last' || g, 'e' || g, 'p' || g,"
                  + " g % 500, g % 2, '2020-01-01 00:00:00+00' FROM generate_series(1, " + ROWS + ") g"
                : "INSERT INTO customer (" + cols + ") WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s"
                  + " WHERE g < " + ROWS + ") SELECT g, 1, CONCAT('first', g), CONCAT('last', g), CONCAT('e', g),"
                  + " CONCAT('p', g), g % 500, g % 2, '2020-01-01 00:00:00' FROM s",
                pg ? "ANALYZE customer" : "ANALYZE TABLE customer");
        return pg;
    }

    private static Path plan(TestDatabase db, String change) throws Exception {
        PlanResult result = Strategist.configure().liveDatabase(ApplyScenario.database(db))
                .rows("customer", 5_000_000).batchSize(2_000).load().plan(change);
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        return dir.resolve(PlanResult.JSON_FILE);
    }

    /** Every customer written by the fixture: its columns in name order, without {@code skip}. */
    private static Map<Long, String> snapshot(TestDatabase db, String skip) {
        List<String> columns = new ArrayList<>(db.columns("customer"));
        columns.remove(skip);
        columns.sort(String::compareTo);
        Map<Long, String> out = new HashMap<>();
        for (List<String> row : db.rows("SELECT customer_id, " + String.join(", ", columns)
                + " FROM customer WHERE customer_id <= " + ROWS)) {
            out.put(Long.parseLong(row.get(0)), String.join("|", row.subList(1, row.size()).stream()
                    .map(String::valueOf).toList()));
        }
        return out;
    }

    /** Every view, the materialized view, every routine and the audit trigger still work. */
    private static void dependantsWork(TestDatabase db, boolean pg) {
        assertThat(db.count("SELECT count(*) FROM customer_list")).isGreaterThanOrEqualTo(ROWS);
        assertThat(db.count("SELECT count(*) FROM active_emails")).isGreaterThanOrEqualTo(ROWS / 2);
        assertThat(db.column("SELECT customer_name(7)")).containsExactly("first7 last7");
        long audit = db.count(pg ? "SELECT count(*) FROM customer_audit" : "SELECT count(*) FROM customer_text");
        db.execute("INSERT INTO customer (customer_id, store_id, first_name, last_name) VALUES (9999999, 1, 'a', 'b')");
        assertThat(db.count(pg ? "SELECT count(*) FROM customer_audit" : "SELECT count(*) FROM customer_text"))
                .isEqualTo(audit + 1);
        if (pg) {
            db.execute("REFRESH MATERIALIZED VIEW sales_by_customer");
            assertThat(db.column("SELECT customer_email(7)")).containsExactly("e7");
            db.execute("UPDATE customer SET email = 'x' WHERE customer_id = 9999999");
            assertThat(db.count("SELECT count(*) FROM customer WHERE customer_id = 9999999"
                    + " AND last_update > now() - interval '1 minute'")).as("last_updated fires for the app").isOne();
        } else {
            db.execute("CALL touch_store(1)");
            db.execute("UPDATE customer SET email = 'x' WHERE customer_id = 9999999");
            assertThat(db.count("SELECT count(*) FROM customer WHERE customer_id = 9999999"
                    + " AND last_update > NOW() - INTERVAL 1 MINUTE")).as("ON UPDATE works for the app").isOne();
        }
    }

    /** The application: updates customers' email and inserts new customers, through every app version. */
    private static final class Writer extends Thread implements AutoCloseable {
        final Set<Long> updated = ConcurrentHashMap.newKeySet();
        final List<String> errors = new CopyOnWriteArrayList<>();
        private final Connection connection;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong nextId = new AtomicLong(ROWS + 1);

        Writer(TestDatabase db) throws SQLException {
            this.connection = db.newConnection();
            setDaemon(true);
        }

        @Override
        public void run() {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE customer SET email = ? WHERE customer_id = ?");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO customer (customer_id, store_id,"
                         + " first_name, last_name, email) VALUES (?, 1, 'new', 'customer', 'n')")) {
                while (!stop.get()) {
                    try {
                        // customers 1-20 are left alone: dependantsWork reads customer 7's email through a routine
                        long id = ThreadLocalRandom.current().nextLong(21, ROWS + 1);
                        updated.add(id);
                        update.setString(1, "app-" + System.nanoTime());
                        update.setLong(2, id);
                        update.executeUpdate();
                        insert.setLong(1, nextId.getAndIncrement());
                        insert.executeUpdate();
                        Thread.sleep(2);
                    } catch (SQLException e) {
                        errors.add(e.getMessage());
                    }
                }
            } catch (Exception e) {
                errors.add(String.valueOf(e));
            }
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            join(10_000);
            connection.close();
        }
    }
}
