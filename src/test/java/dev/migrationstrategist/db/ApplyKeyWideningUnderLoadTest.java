package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static dev.migrationstrategist.db.LoadWriters.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Running out of ids" on PostgreSQL: {@code payment.payment_id} (serial, integer) widened to bigint on 200,000 rows
 * while {@code refund.payment_id} references it, planned from the live database and applied phase by phase as an
 * operator would, with writer threads inserting payments and refunds, updating and reading payments throughout.
 * Right after the swap the sequence is moved next to the INT limit, so the writers' new payments and refunds take
 * ids beyond it. At the end every row and every reference is intact and the apps saw no error other than the one
 * re-prepare the plan announces.
 */
class ApplyKeyWideningUnderLoadTest {
    static final long ROWS = 200_000;
    static final long REFUNDS = 5_000;
    static final String SCHEMA = """
            CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(7,2) NOT NULL);
            CREATE TABLE refund (refund_id serial PRIMARY KEY, payment_id integer NOT NULL,
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
            CREATE INDEX idx_refund_payment ON refund (payment_id);
            """;

    static final String MARIADB_SCHEMA = """
            CREATE TABLE payment (payment_id MEDIUMINT UNSIGNED NOT NULL AUTO_INCREMENT, amount DECIMAL(7,2) NOT NULL,
              PRIMARY KEY (payment_id)) ENGINE=InnoDB;
            CREATE TABLE refund (refund_id INT NOT NULL AUTO_INCREMENT, payment_id MEDIUMINT UNSIGNED NOT NULL,
              PRIMARY KEY (refund_id), KEY idx_refund_payment (payment_id),
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id)) ENGINE=InnoDB;
            """;

    /**
     * MariaDB: the same change where the size rule allows the direct route (200,000 rows below the default
     * --large-table-rows of 1,000,000): the foreign key dropped, both sides copied with the new type (writes wait,
     * reads go on), the foreign key added back; the writers keep going. A large table takes the shadow-table copy
     * instead (ApplyKeyCopyUnderLoadTest).
     */
    @Test
    @Tag("mariadb")
    void mariadbUnsignedKeyWithAReferencingTableWidensDirectlyUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(MARIADB_SCHEMA.split(";\\s*\\n?\\s*(?=CREATE|$)"));
            db.execute("INSERT INTO payment (amount) SELECT (seq % 1000) / 10.0 FROM seq_1_to_" + ROWS,
                    "INSERT INTO refund (payment_id) SELECT seq * 37 % " + ROWS + " + 1 FROM seq_1_to_" + REFUNDS);
            Database database = ApplyScenario.database(db);
            PlanResult planned = Strategist.configure().liveDatabase(database).rows("payment", ROWS)
                    .rows("refund", REFUNDS).load()
                    .planSql("ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT;");
            Path dir = ApplyScenario.tempDir();
            planned.write(dir);
            Path planPath = dir.resolve(PlanResult.JSON_FILE);
            PlanFile plan = PlanFile.read(planPath);
            assertThat(plan.steps()).hasSize(1);
            try (Writers app = new Writers(db, 3)) {
                app.start();
                sleep(300);
                ApplyResult result = new Applier(database, ApplyOptions.defaults(), line -> System.out.println(
                        "apply: " + line)).apply(plan, planPath.toString());
                assertThat(result.complete()).isTrue();
                sleep(300);
                app.close();
                assertThat(app.errors).as("errors the applications saw").isEmpty();
                assertThat(app.operations.get()).isGreaterThan(100);
                long inserted = app.inserted.get();
                // past MEDIUMINT UNSIGNED's 16,777,215, numbered by the server
                db.execute("ALTER TABLE payment AUTO_INCREMENT = 16777214");
                for (int i = 0; i < 5; i++) {
                    db.execute("INSERT INTO payment (amount) VALUES (1)",
                            "INSERT INTO refund (payment_id) VALUES (LAST_INSERT_ID())");
                }
                assertThat(db.count("SELECT max(payment_id) FROM payment")).isEqualTo(16777218L);
                assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(ROWS + inserted + 5);
                assertThat(db.count("SELECT count(*) FROM payment WHERE payment_id <= " + ROWS)).isEqualTo(ROWS);
                assertThat(db.count("SELECT count(*) FROM refund")).isEqualTo(REFUNDS + inserted + 5);
                assertThat(db.count("SELECT count(*) FROM refund r WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE"
                        + " p.payment_id = r.payment_id)")).as("orphans").isZero();
                assertThat(db.column("SELECT CONCAT(table_name, '.', column_name, ' ', column_type) FROM"
                        + " information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'payment_id'"
                        + " ORDER BY 1")).containsExactly("payment.payment_id int(10) unsigned",
                        "refund.payment_id int(10) unsigned");
                assertThat(db.count("SELECT count(*) FROM information_schema.referential_constraints WHERE"
                        + " constraint_schema = DATABASE() AND constraint_name = 'fk_refund_payment'")).isEqualTo(1);
                System.out.printf("key widening under load (mariadb, %d rows, direct route): %d app operations, %d"
                        + " payments inserted, 0 errors%n", ROWS, app.operations.get(), inserted);
            }
        }
    }

    @Test
    @Tag("postgres")
    void postgresSerialKeyWithAReferencingTableWidensUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(SCHEMA);
            db.execute("INSERT INTO payment (amount) SELECT (g % 1000) / 10.0 FROM generate_series(1, " + ROWS + ") g",
                    "INSERT INTO refund (payment_id) SELECT g * 37 % " + ROWS + " + 1 FROM generate_series(1, "
                            + REFUNDS + ") g", "ANALYZE payment", "ANALYZE refund");
            Database database = ApplyScenario.database(db);
            PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(10_000)
                    .rows("refund", REFUNDS).load().planSql("ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;");
            Path dir = ApplyScenario.tempDir();
            planned.write(dir);
            Path planPath = dir.resolve(PlanResult.JSON_FILE);
            PlanFile plan = PlanFile.read(planPath);
            int swap = plan.steps().stream().filter(s -> s instanceof SchemaStep k
                            && k.sql().stream().anyMatch(q -> q.contains("PRIMARY KEY USING INDEX")))
                    .mapToInt(Step::number).findFirst().orElseThrow();

            ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, Duration.ofMillis(50), Duration.ZERO);
            try (Writers app = new Writers(db, 3)) {
                ApplyLog log = line -> {
                    System.out.println("apply: " + line);
                    if (line.startsWith("step " + swap + ": done")) {
                        // the key is bigint now: let the next ids cross the INT limit
                        db.execute("SELECT setval('payment_payment_id_seq', 2147483600)");
                        app.crossed = true;
                        sleep(800);
                    }
                };
                app.start();
                sleep(200);
                ApplyResult first = new Applier(database, base, log).apply(plan, planPath.toString());
                assertThat(first.stoppedAt()).as("stops at the app release gate").isPositive();
                ApplyResult gate = new Applier(database, base.withThrough(Phase.CONTRACT), log)
                        .apply(plan, planPath.toString());
                assertThat(gate.stoppedAt()).as("stops before the contract").isEqualTo(swap);
                sleep(200);
                ApplyResult contract = new Applier(database, base.withThrough(Phase.CONTRACT)
                        .withConfirmContract(true), log).apply(plan, planPath.toString());
                assertThat(contract.complete()).isTrue();
                sleep(300);
                app.close();

                // the direct widening of refund takes payment's lock before refund's, the order the writers use:
                // no deadlock is possible with them (KeyWideningLockOrderTest makes the cycle it avoids deterministic)
                assertThat(Files.readString(planPath)).contains("IN ACCESS EXCLUSIVE MODE");
                assertThat(app.errors).as("errors the applications saw").isEmpty();
                assertThat(app.operations.get()).isGreaterThan(300);
                assertThat(app.bigIds.get()).as("payments inserted beyond the INT range").isGreaterThan(10);
                long inserted = app.inserted.get();
                assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(ROWS + inserted);
                assertThat(db.count("SELECT count(*) FROM payment WHERE payment_id <= " + ROWS)).isEqualTo(ROWS);
                assertThat(db.count("SELECT count(*) FROM refund")).isEqualTo(REFUNDS + inserted);
                assertThat(db.count("SELECT count(*) FROM refund r WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE"
                        + " p.payment_id = r.payment_id)")).as("orphans").isZero();
                assertThat(db.count("SELECT count(*) FROM refund WHERE payment_id > 2147483647"))
                        .isEqualTo(app.bigIds.get());
                assertThat(db.column("SELECT table_name || '.' || column_name || ' ' || data_type FROM"
                        + " information_schema.columns WHERE table_schema = current_schema() AND column_name ="
                        + " 'payment_id' ORDER BY 1")).containsExactly("payment.payment_id bigint",
                        "refund.payment_id bigint");
                assertThat(db.columns("payment")).containsExactlyInAnyOrder("payment_id", "amount");
                assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'payment'::regclass AND"
                        + " contype = 'p' AND conname = 'payment_pkey'")).isEqualTo(1);
                assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                        + " AND conname = 'fk_refund_payment' AND"
                        + " convalidated")).isEqualTo(1);
                assertThat(db.count("SELECT count(*) FROM pg_sequences WHERE schemaname = current_schema() AND"
                        + " sequencename = 'payment_payment_id_seq' AND data_type = 'bigint'::regtype")).isEqualTo(1);
                assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'payment'::regclass AND NOT"
                        + " tgisinternal")).as("sync triggers left").isZero();
                System.out.printf("key widening under load (postgresql, %d rows): %d app operations, %d payments"
                                + " inserted (%d beyond INT), %d re-prepares after the swap, 0 errors%n", ROWS,
                        app.operations.get(), inserted, app.bigIds.get(), app.rePrepares.get());
            }
        }
    }

    /**
     * Writer threads: each round inserts a payment (RETURNING its id) and a refund for it, updates and reads a
     * random seeded payment. A statement that hits PostgreSQL's "cached plan must not change result type" once
     * after the swap is re-prepared, as the plan's release tells the apps to; every other error is recorded.
     */
    static final class Writers extends LoadWriters {
        volatile boolean crossed;

        Writers(TestDatabase db, int count) {
            super(db, count);
        }

        @Override
        void round(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO payment (amount) VALUES (?) RETURNING payment_id")) {
                    ps.setBigDecimal(1, java.math.BigDecimal.valueOf(12.5));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO refund (payment_id) VALUES (?)")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                c.commit();
                insertedId(id);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            long seeded = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
            try (PreparedStatement ps = c.prepareStatement("UPDATE payment SET amount = amount WHERE payment_id = ?")) {
                ps.setLong(1, seeded);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT payment_id, amount FROM payment WHERE payment_id = ?")) {
                ps.setLong(1, seeded);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) != seeded) {
                        throw new SQLException("payment " + seeded + " not found");
                    }
                }
            }
            operations.addAndGet(4);
        }
    }
}
