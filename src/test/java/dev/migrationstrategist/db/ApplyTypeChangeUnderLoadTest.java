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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full apply of {@code orders.qty int -> bigint} (new column, conversion trigger, backfill, swap, drop) on
 * 100,000 rows, planned from the live database and driven phase by phase as an operator would, while writer threads
 * keep inserting, updating and reading {@code qty} through every step, across the swap; after the swap they write
 * values beyond the INT range. At the end every row is present and holds the last value written.
 */
class ApplyTypeChangeUnderLoadTest {
    static final long ROWS = 100_000;

    @Test
    @Tag("postgres")
    void postgresIntToBigintUnderConcurrentWritesLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            run(db);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbIntToBigintUnderConcurrentWritesLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            run(db);
        }
    }

    private void run(TestDatabase db) throws Exception {
        boolean pg = db.family().equals("postgresql");
        OrdersWorkload.seed(db, ROWS, false);
        Database database = ApplyScenario.database(db);
        // --large-table-rows 10000: 100,000 rows count as large, so the plan takes the online swap path
        PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(10_000).load()
                .planSql("ALTER TABLE orders ALTER COLUMN qty TYPE bigint;");
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        Path planPath = dir.resolve(PlanResult.JSON_FILE);
        PlanFile plan = PlanFile.read(planPath);
        int swap = plan.steps().stream().filter(s -> s instanceof SchemaStep k
                        && k.sql().stream().anyMatch(q -> q.contains("TO qty_old")))
                .mapToInt(Step::number).findFirst().orElseThrow();
        int appRelease = swap - 1;

        ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, Duration.ofMillis(100), Duration.ZERO);
        try (OrdersWorkload app = new OrdersWorkload(db, 3, ROWS)) {
            // Between the swap and the drop of qty_old the operator looks around: the apps write big values.
            SwapWatch log = new SwapWatch(swap, app);
            app.start();
            Thread.sleep(200);

            ApplyResult first = new Applier(database, base, log).apply(plan, planPath.toString());
            assertThat(first.stoppedAt()).as("stops at the app release gate").isEqualTo(appRelease);
            assertThat(first.ran()).contains(1, 2).doesNotContain(appRelease);
            assertThat(db.count("SELECT count(*) FROM orders WHERE " + distinct(pg, "qty_new", "qty"))).isZero();

            // v1.1 is deployed (it writes qty as before); --through contract without confirmation stops there
            ApplyResult gate = new Applier(database, base.withThrough(Phase.CONTRACT), log)
                    .apply(plan, planPath.toString());
            assertThat(gate.ran()).containsExactly(appRelease);
            assertThat(gate.stoppedAt()).isEqualTo(swap);
            Thread.sleep(200);

            ApplyResult contract = new Applier(database, base.withThrough(Phase.CONTRACT).withConfirmContract(true),
                    log).apply(plan, planPath.toString());
            assertThat(contract.complete()).isTrue();
            assertThat(log.sawSwap).as("the swap step ran and big values were written before the drop").isTrue();
            Thread.sleep(300);
            app.close();

            assertThat(app.errors()).as("errors the application saw").isEmpty();
            assertThat(app.operations()).isGreaterThan(300);
            assertThat(app.bigWrites()).isGreaterThan(10);
            assertThat(db.columns("orders")).containsExactlyInAnyOrder("id", "customer_id", "qty", "note");
            assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + db.scope() + "' AND table_name = 'orders' AND column_name = 'qty'")).containsExactly("bigint");
            assertThat(db.count(pg ? "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT"
                    + " tgisinternal" : "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '"
                    + db.scope() + "'")).as("sync triggers left").isZero();
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
            long bigRows = app.expected().values().stream().filter(r -> r.qty() >= OrdersWorkload.BIG).count();
            assertThat(bigRows).isPositive();
            assertThat(db.count("SELECT count(*) FROM orders WHERE qty > 2147483647")).isEqualTo(bigRows);
            System.out.printf("type change under load (%s): %d app operations, %d big writes, %d re-prepares after"
                    + " the swap, 0 errors%n", db.family(), app.operations(), app.bigWrites(), app.rePrepares());
        }
    }

    private static String distinct(boolean pg, String a, String b) {
        return pg ? a + " IS DISTINCT FROM " + b : "NOT (" + a + " <=> " + b + ")";
    }

    /** Collects apply's lines; when the swap step is done, lets the apps write big values for a while. */
    private static final class SwapWatch implements ApplyLog {
        private final int swap;
        private final OrdersWorkload app;
        volatile boolean sawSwap;

        SwapWatch(int swap, OrdersWorkload app) {
            this.swap = swap;
            this.app = app;
        }

        @Override
        public void info(String line) {
            System.out.println("apply: " + line);
            if (line.startsWith("step " + swap + ": done")) {
                app.writeBigQuantities();
                sawSwap = true;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
