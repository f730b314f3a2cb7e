package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rename value 'paid' of enum status_t to 'settled'} applied on a real PostgreSQL 15 while a writer keeps
 * inserting and updating with the label its app version writes ('paid' through v1.1, 'settled' from v1.2): no write
 * fails, every row reads 'settled' at the end, and 'paid' stays in the type, unused. The rollback after the catalog
 * step gives every row 'paid' back for v1.0, under the same writer.
 */
@Tag("postgres")
class RenameEnumValueApplyTest {
    static final int ROWS = 6_000;
    static final String RENAME = "rename value 'paid' of enum status_t to 'settled'";

    private static void setUp(TestDatabase db) {
        db.execute("CREATE TYPE status_t AS ENUM ('new', 'paid')",
                "CREATE TABLE orders (id bigint PRIMARY KEY, status status_t NOT NULL)",
                "CREATE TABLE invoices (id bigint PRIMARY KEY, state status_t)",
                "INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN 'paid' ELSE 'new' END::status_t"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "INSERT INTO invoices SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'paid' END::status_t"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE orders", "ANALYZE invoices");
    }

    @Test
    void writersOfBothSpellingsNeverFailAndEveryRowEndsSettled() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            PlanFile plan = plan(db);
            assertThat(plan.steps()).extracting(s -> s.phase()).containsExactly(Phase.APP_RELEASE_1, Phase.CONSTRAIN,
                    Phase.APP_RELEASE_2, Phase.BACKFILL_2, Phase.BACKFILL_2);
            Database database = ApplyScenario.database(db);
            long paidWrites;
            try (Writer app = new Writer(db, "paid")) {
                assertThat(new Applier(database, options(), ApplyLog.silent()).apply(plan, "plan.json").stoppedAt())
                        .isEqualTo(1);
                app.await(50);
                ApplyResult catalog = new Applier(database, options().withThrough(Phase.CONSTRAIN), ApplyLog.silent())
                        .apply(plan, "plan.json");
                assertThat(catalog.ran()).contains(2);
                // every row written before the step reads 'settled' at once (invoices: the writer never touches
                // them; its own updates of orders may already have written the kept 'paid' again); v1.1 keeps
                // writing 'paid'
                assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'paid'")).isZero();
                assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'settled'")).isPositive();
                long before = app.written();
                app.await(before + 100);
                assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'paid'")).isPositive();
                app.label = "settled"; // v1.2 everywhere
                paidWrites = app.written();
                ApplyResult done = new Applier(database, options().withThrough(Phase.CONTRACT)
                        .withConfirmContract(true), ApplyLog.silent()).apply(plan, "plan.json");
                assertThat(done.complete()).isTrue();
                app.await(app.written() + 50);
                app.stop();
            }
            assertThat(paidWrites).isGreaterThan(100);
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'paid'")).isZero();
            assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'paid'")).isZero();
            assertThat(db.count("SELECT count(*) FROM orders WHERE id <= " + ROWS + " AND status = 'settled'"))
                    .isGreaterThanOrEqualTo(ROWS / 2);
            assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'settled'")).isEqualTo(ROWS * 2 / 3);
            assertThat(db.column("SELECT enum_range(NULL::status_t)::text")).containsExactly("{new,settled,paid}");
            assertThat(db.column("SELECT status::text FROM orders WHERE id > " + ROWS + " GROUP BY 1"))
                    .containsExactly("settled");
        }
    }

    @Test
    void rollbackAfterTheCatalogStepGivesEveryRowPaidBackUnderWrites() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            PlanFile plan = plan(db);
            Database database = ApplyScenario.database(db);
            try (Writer app = new Writer(db, "paid")) {
                new Applier(database, options().withThrough(Phase.CONSTRAIN), ApplyLog.silent()).apply(plan,
                        "plan.json");
                app.await(app.written() + 50);
                assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'settled'")).isPositive();
                assertThat(new Rollbacker(database, options(), ApplyLog.silent()).rollback(plan, true))
                        .containsExactly(2, 1);
                app.await(app.written() + 50);
                app.stop();
            }
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'settled'")).isZero();
            assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'settled'")).isZero();
            assertThat(db.count("SELECT count(*) FROM orders WHERE id <= " + ROWS + " AND status = 'paid'"))
                    .isEqualTo(ROWS / 2);
            assertThat(db.count("SELECT count(*) FROM invoices WHERE state = 'paid'")).isEqualTo(ROWS * 2 / 3);
            // PostgreSQL cannot drop the value: 'settled' stays, unused
            assertThat(db.column("SELECT enum_range(NULL::status_t)::text")).containsExactly("{new,settled,paid}");
        }
    }

    private static PlanFile plan(TestDatabase db) throws Exception {
        Database database = ApplyScenario.database(db);
        PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(1_000).load()
                .plan(RENAME);
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    private static ApplyOptions options() {
        return ApplyOptions.defaults().withBatching(500, Duration.ZERO, Duration.ZERO);
    }

    /** Inserts new orders and updates old ones with the label its app version writes, as the rehearsal's clients. */
    static final class Writer implements AutoCloseable {
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong written = new AtomicLong();
        private volatile boolean running = true;
        volatile String label;
        private final Thread thread;

        Writer(TestDatabase db, String label) {
            this.label = label;
            thread = new Thread(() -> {
                try (Connection c = db.newConnection();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?)");
                     PreparedStatement update = c.prepareStatement("UPDATE orders SET status = ? WHERE id = ?")) {
                    long id = 1_000_000;
                    for (long n = 0; running; n++) {
                        try {
                            if (n % 2 == 0) {
                                insert.setLong(1, id++);
                                insert.setObject(2, this.label, Types.OTHER);
                                insert.executeUpdate();
                            } else {
                                update.setObject(1, this.label, Types.OTHER);
                                update.setLong(2, 2 * (1 + n % (ROWS / 2)));
                                update.executeUpdate();
                            }
                            written.incrementAndGet();
                        } catch (SQLException e) {
                            errors.add(e.getSQLState() + " " + e.getMessage());
                        }
                        Thread.sleep(2);
                    }
                } catch (SQLException | InterruptedException e) {
                    errors.add("writer: " + e.getMessage());
                }
            }, "enum-writer");
            thread.start();
        }

        long written() {
            return written.get();
        }

        void await(long writes) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (written.get() < writes && errors.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            assertThat(errors).as("writes that failed").isEmpty();
            assertThat(written.get()).isPositive();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }
}
