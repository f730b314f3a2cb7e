package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online column changes on tables whose primary key is composite, planned from the live database and applied on the
 * real servers with a writer running: pagila's partitioned {@code payment} (PRIMARY KEY (payment_date, payment_id),
 * partitioned by range, list and hash), and a sakila-shaped join table on MariaDB (PRIMARY KEY (store_id, film_id)).
 * The backfills range over the composite key (many rows share the key's first column, and the batches are small, so
 * batch bounds fall inside runs of equal first columns), every row ends with its value, and the rollback of a plan
 * applied up to its app release gate gives State A back.
 */
class CompositeKeyBackfillTest {
    static final int ROWS = 6_000;
    static final String PAYMENT = """
            CREATE TABLE payment (payment_id serial NOT NULL, customer_id integer NOT NULL, staff_id integer NOT NULL,
              rental_id integer NOT NULL, amount numeric(5,2) NOT NULL, payment_date timestamptz NOT NULL,
              PRIMARY KEY (%s)) PARTITION BY %s
            """;

    /** Six payments share each payment_date: a batch of 7 ends inside such a run. */
    static final String SEED = "INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date) SELECT"
            + " g %% 599 + 1, g %% 2 + 1, g, (g %% 1000) / 100.0, timestamptz '2022-01-01 00:00:00+00' + (g / 6)"
            + " * interval '%s' FROM generate_series(1, " + ROWS + ") g";

    @Test
    @Tag("postgres")
    void rangePartitionedPaymentChangesTypeOnlineUnderWrites() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(PAYMENT.formatted("payment_date, payment_id", "RANGE (payment_date)"),
                    "CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')",
                    "CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01') TO ('2022-03-01')",
                    "CREATE TABLE payment_p2022_03 PARTITION OF payment FOR VALUES FROM ('2022-03-01') TO ('2022-04-01')",
                    "CREATE INDEX idx_fk_rental_id ON payment (rental_id)",
                    SEED.formatted("20 minutes"), "ANALYZE payment");
            PlanFile plan = plan(db, "ALTER TABLE payment ALTER COLUMN rental_id TYPE bigint;");
            BackfillStep backfill = backfill(plan);
            assertThat(backfill.batch().sql()).contains("(payment_date, payment_id) > (:last_id_1, :last_id_2)")
                    .contains("(payment_date, payment_id) <= (:next_id_1, :next_id_2)");
            long written;
            try (InsertWriter app = writer(db, "INSERT INTO payment (customer_id, staff_id, rental_id, amount,"
                    + " payment_date) VALUES (1, 1, ?, 1, timestamptz '2022-03-15 00:00:00+00')")) {
                applyThroughContract(db, plan);
                written = app.stop();
            }
            assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                    + " current_schema() AND table_name = 'payment' AND column_name = 'rental_id'"))
                    .containsExactly("bigint");
            assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(ROWS + written);
            assertThat(db.count("SELECT count(*) FROM payment WHERE rental_id <= " + ROWS)).isEqualTo(ROWS);
            assertThat(db.count("SELECT count(*) FROM payment WHERE rental_id IS NULL")).isZero();
            assertThat(db.count("SELECT count(DISTINCT rental_id) FROM payment WHERE rental_id <= " + ROWS))
                    .isEqualTo(ROWS);
            // the copied index is a partitioned index, valid, on every partition
            assertThat(db.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE"
                    + " c.oid = to_regclass('idx_fk_rental_id') AND i.indisvalid AND c.relkind = 'I'")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass('idx_fk_rental_id')"))
                    .isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid ="
                    + " 'payment'::regclass")).as("sync triggers left").isZero();
            System.out.printf("composite key (range partitions): %d rows, %d written during apply, batches of %d%n",
                    ROWS, written, 7);
        }
    }

    @Test
    @Tag("postgres")
    void listPartitionedPaymentRenamesAColumnOnline() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(PAYMENT.formatted("staff_id, payment_id", "LIST (staff_id)"),
                    "CREATE TABLE payment_staff1 PARTITION OF payment FOR VALUES IN (1)",
                    "CREATE TABLE payment_staff2 PARTITION OF payment FOR VALUES IN (2)",
                    "CREATE INDEX idx_fk_customer_id ON payment (customer_id)",
                    SEED.formatted("1 hour"), "ANALYZE payment");
            PlanFile plan = plan(db, "ALTER TABLE payment RENAME COLUMN customer_id TO client_id;");
            assertThat(backfill(plan).batch().sql()).contains("(staff_id, payment_id) > (:last_id_1, :last_id_2)");
            applyThroughContract(db, plan);
            assertThat(db.columns("payment")).contains("client_id").doesNotContain("customer_id");
            assertThat(db.count("SELECT count(*) FROM payment WHERE client_id = rental_id % 599 + 1"))
                    .isEqualTo(ROWS);
            assertThat(db.column("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid ="
                    + " i.indexrelid WHERE i.indrelid = 'payment'::regclass AND i.indisvalid AND NOT i.indisprimary"))
                    .singleElement().asString().contains("(client_id)");
        }
    }

    @Test
    @Tag("postgres")
    void hashPartitionedPaymentTypeChangeRollsBackFromTheGate() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(PAYMENT.formatted("payment_id, payment_date", "HASH (payment_id)"),
                    "CREATE TABLE payment_h0 PARTITION OF payment FOR VALUES WITH (MODULUS 3, REMAINDER 0)",
                    "CREATE TABLE payment_h1 PARTITION OF payment FOR VALUES WITH (MODULUS 3, REMAINDER 1)",
                    "CREATE TABLE payment_h2 PARTITION OF payment FOR VALUES WITH (MODULUS 3, REMAINDER 2)",
                    "CREATE INDEX idx_fk_rental_id ON payment (rental_id)",
                    SEED.formatted("1 minute"), "ANALYZE payment");
            List<List<String>> before = db.rows("SELECT payment_id, rental_id, amount FROM payment ORDER BY 1");
            PlanFile plan = plan(db, "ALTER TABLE payment ALTER COLUMN rental_id TYPE bigint;");
            Database database = ApplyScenario.database(db);
            ApplyResult first = new Applier(database, options(), ApplyLog.silent()).apply(plan, "plan.json");
            assertThat(first.stoppedAt()).as("stops at the app release gate").isPositive();
            assertThat(db.count("SELECT count(*) FROM payment WHERE rental_id_new = rental_id")).isEqualTo(ROWS);
            assertThat(new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true))
                    .isNotEmpty();
            assertThat(db.columns("payment")).containsExactly("payment_id", "customer_id", "staff_id", "rental_id",
                    "amount", "payment_date");
            assertThat(db.rows("SELECT payment_id, rental_id, amount FROM payment ORDER BY 1")).isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                    + " AND relname LIKE '%rental_id_new%'")).isZero();
        }
    }

    /**
     * MariaDB: a sakila-shaped stock table keyed by (store_id, film_id), quantity SMALLINT widened to INT through the
     * new column, backfilled over the composite key in the form written out column by column, under a writer; then
     * the same change applied to its gate and rolled back.
     */
    @Test
    @Tag("mariadb")
    void mariadbCompositeKeyTableChangesTypeOnlineAndRollsBack() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE stock (store_id TINYINT UNSIGNED NOT NULL, film_id SMALLINT UNSIGNED NOT NULL,"
                            + " quantity SMALLINT NOT NULL, last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"
                            + " ON UPDATE CURRENT_TIMESTAMP, PRIMARY KEY (store_id, film_id), KEY idx_quantity"
                            + " (quantity)) ENGINE=InnoDB",
                    "INSERT INTO stock (store_id, film_id, quantity, last_update) SELECT seq % 3 + 1, seq DIV 3 + 1,"
                            + " seq % 500, '2022-02-15 05:03:42' FROM seq_0_to_" + (ROWS - 1));
            List<List<String>> before = db.rows("SELECT store_id, film_id, quantity, last_update FROM stock"
                    + " ORDER BY 1, 2");
            PlanFile plan = plan(db, "ALTER TABLE stock MODIFY quantity INT NOT NULL;");
            assertThat(backfill(plan).batch().sql()).contains("(store_id >= :last_id_1 AND (store_id >"
                    + " :last_id_1 OR film_id > :last_id_2)) AND (store_id <= :next_id_1 AND (store_id < :next_id_1 OR"
                    + " film_id <= :next_id_2))");
            Database database = ApplyScenario.database(db);
            ApplyResult first = new Applier(database, options(), ApplyLog.silent()).apply(plan, "plan.json");
            assertThat(first.stoppedAt()).isPositive();
            assertThat(db.count("SELECT count(*) FROM stock WHERE quantity_new = quantity")).isEqualTo(ROWS);
            assertThat(new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true))
                    .isNotEmpty();
            assertThat(db.rows("SELECT store_id, film_id, quantity, last_update FROM stock ORDER BY 1, 2"))
                    .as("State A's rows, audit timestamps included").isEqualTo(before);
            assertThat(db.columns("stock")).containsExactly("store_id", "film_id", "quantity", "last_update");

            PlanFile again = plan(db, "ALTER TABLE stock MODIFY quantity INT NOT NULL;");
            long written;
            try (InsertWriter app = writer(db, "INSERT INTO stock (store_id, film_id, quantity) VALUES (4, ?, 7)")) {
                applyThroughContract(db, again);
                written = app.stop();
            }
            assertThat(db.column("SELECT column_type FROM information_schema.columns WHERE table_schema ="
                    + " DATABASE() AND table_name = 'stock' AND column_name = 'quantity'")).containsExactly("int(11)");
            assertThat(db.count("SELECT count(*) FROM stock WHERE store_id <= 3")).isEqualTo(ROWS);
            assertThat(db.count("SELECT count(*) FROM stock WHERE store_id = 4")).isEqualTo(written);
            assertThat(db.rows("SELECT store_id, film_id, quantity, last_update FROM stock WHERE store_id <= 3"
                    + " ORDER BY 1, 2")).as("every seeded row, value and audit timestamp").isEqualTo(before);
        }
    }

    private static PlanFile plan(TestDatabase db, String change) throws Exception {
        Database database = ApplyScenario.database(db);
        PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(1_000).load()
                .planSql(change);
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    private static BackfillStep backfill(PlanFile plan) {
        return plan.steps().stream().filter(s -> s instanceof BackfillStep).map(s -> (BackfillStep) s)
                .findFirst().orElseThrow();
    }

    /** Small batches (7 rows, no adapting): batch bounds fall inside runs of rows sharing the key's first column. */
    private static ApplyOptions options() {
        return ApplyOptions.defaults().withBatching(7, Duration.ZERO, Duration.ZERO);
    }

    private static void applyThroughContract(TestDatabase db, PlanFile plan) {
        Database database = ApplyScenario.database(db);
        ApplyResult gate = new Applier(database, options(), ApplyLog.silent()).apply(plan, "plan.json");
        assertThat(gate.stoppedAt()).isPositive();
        ApplyResult done = new Applier(database, options().withThrough(Phase.CONTRACT).withConfirmContract(true),
                ApplyLog.silent()).apply(plan, "plan.json");
        assertThat(done.complete()).isTrue();
    }

    /** One application thread inserting rows with fresh ids (10,000 up on MariaDB, 1,000,000 on PostgreSQL). */
    private static InsertWriter writer(TestDatabase db, String insert) {
        return new InsertWriter(db, insert, db.family().equals("mariadb") ? 10_000 : 1_000_000, "composite-key-writer");
    }
}
