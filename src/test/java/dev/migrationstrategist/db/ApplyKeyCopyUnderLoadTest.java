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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.migrationstrategist.db.LoadWriters.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Running out of ids" on MariaDB for a large table: {@code payment.payment_id} (INT) widened to BIGINT on 200,000
 * rows while {@code refund.payment_id} references it, by the shadow-table copy (KeyCopy): both tables copied into
 * shadows kept in sync by triggers, the shadows given the foreign keys, one atomic RENAME TABLE, the old tables
 * dropped and the foreign-key names restored. Three writer threads insert payments with refunds, update amounts and
 * delete their own payments throughout; every write is logged, and at the end both tables equal the log row for row.
 */
class ApplyKeyCopyUnderLoadTest {
    static final long ROWS = 200_000;
    static final long REFUNDS = 5_000;
    static final String SCHEMA = """
            CREATE TABLE payment (payment_id INT NOT NULL AUTO_INCREMENT, amount DECIMAL(7,2) NOT NULL,
              payment_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (payment_id)) ENGINE=InnoDB;
            CREATE TABLE refund (refund_id INT NOT NULL AUTO_INCREMENT, payment_id INT NOT NULL,
              amount DECIMAL(7,2) NOT NULL, PRIMARY KEY (refund_id), KEY idx_refund_payment (payment_id),
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id)) ENGINE=InnoDB;
            """;

    static void seed(TestDatabase db) {
        db.execute(SCHEMA.split(";\\s*\\n?\\s*(?=CREATE|$)"));
        db.execute("INSERT INTO payment (amount) SELECT (seq % 1000) / 10.0 FROM seq_1_to_" + ROWS,
                "INSERT INTO refund (payment_id, amount) SELECT seq * 37 % " + ROWS + " + 1, 1.5 FROM seq_1_to_"
                        + REFUNDS);
    }

    static PlanFile plan(TestDatabase db, Path dir) throws Exception {
        PlanResult planned = Strategist.configure().liveDatabase(ApplyScenario.database(db)).largeTableRows(10_000)
                .load().planSql("ALTER TABLE payment MODIFY payment_id BIGINT NOT NULL AUTO_INCREMENT;");
        planned.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    @Test
    @Tag("mariadb")
    void mariadbReferencedKeyWidensByShadowCopyUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            seed(db);
            Database database = ApplyScenario.database(db);
            Path dir = ApplyScenario.tempDir();
            PlanFile plan = plan(db, dir);
            String planPath = dir.resolve(PlanResult.JSON_FILE).toString();
            int cutover = stepWith(plan, "RENAME TABLE");
            Map<Integer, Long> durations = new ConcurrentHashMap<>();
            ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, Duration.ofMillis(100), Duration.ZERO);
            try (Writers app = new Writers(db, 3)) {
                ApplyLog log = line -> {
                    System.out.println(java.time.LocalTime.now() + " apply: " + line);
                    var m = java.util.regex.Pattern.compile("^step (\\d+): done in (\\d+) ms").matcher(line);
                    if (m.find()) {
                        durations.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                    }
                };
                app.start();
                sleep(300);
                long t0 = System.nanoTime();
                ApplyResult first;
                try {
                    first = new Applier(database, base, log).apply(plan, planPath);
                } catch (RuntimeException e) {
                    System.out.println("DEBUG orphans: " + db.rows("SELECT c.refund_id, c.payment_id, (SELECT count(*)"
                            + " FROM payment p WHERE p.payment_id = c.payment_id), (SELECT count(*) FROM refund r WHERE"
                            + " r.refund_id = c.refund_id) FROM _refund_new c WHERE NOT EXISTS (SELECT 1 FROM"
                            + " _payment_new p WHERE p.payment_id = c.payment_id) LIMIT 20"));
                    System.out.println("DEBUG triggers: " + db.column("SELECT trigger_name FROM"
                            + " information_schema.triggers WHERE trigger_schema = DATABASE()"));
                    throw e;
                }
                assertThat(first.stoppedAt()).as("stops at the app release gate").isPositive();
                ApplyResult gate = new Applier(database, base.withThrough(Phase.CONTRACT), log).apply(plan, planPath);
                assertThat(gate.stoppedAt()).as("stops before the contract").isEqualTo(cutover);
                sleep(300);
                ApplyResult contract = new Applier(database, base.withThrough(Phase.CONTRACT)
                        .withConfirmContract(true), log).apply(plan, planPath);
                assertThat(contract.complete()).isTrue();
                long total = (System.nanoTime() - t0) / 1_000_000;
                sleep(300);
                app.close();

                if (!app.errors.isEmpty()) {
                    String status = db.rows("SHOW ENGINE INNODB STATUS").get(0).get(2);
                    int at = status.indexOf("LATEST DETECTED DEADLOCK");
                    System.out.println("DEBUG deadlock: " + (at < 0 ? "none in InnoDB" : status.substring(at,
                            Math.min(status.length(), at + 6000))));
                }
                // the copy's announced deadlocks (AUTO-INC lock of the shadow, see the plan's backfill steps) are the only
                // errors allowed, and only a few; anything else fails
                List<String> unannounced = app.errors.stream().filter(e -> !e.contains("Deadlock found")).toList();
                assertThat(unannounced).as("errors the applications saw beyond the announced deadlocks").isEmpty();
                assertThat(app.errors.size()).as("announced deadlocks: a few per copy").isLessThanOrEqualTo(5);
                assertThat(java.nio.file.Files.readString(dir.resolve(PlanResult.MARKDOWN_FILE)))
                        .contains("Announced: while a batch runs");
                assertThat(app.operations.get()).isGreaterThan(300);
                assertThat(app.deleted.get()).isPositive();
                app.assertTablesMatchTheLog(db);
                assertThat(db.column("SELECT CONCAT(table_name, '.', column_name, ' ', column_type) FROM"
                        + " information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'payment_id'"
                        + " ORDER BY 1")).containsExactly("payment.payment_id bigint(20)", "refund.payment_id bigint(20)");
                assertThat(db.column("SELECT CONCAT(constraint_name, ' ', table_name, ' -> ', referenced_table_name)"
                        + " FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"))
                        .containsExactly("fk_refund_payment refund -> payment");
                assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                        + " DATABASE() AND table_name NOT LIKE 'strategist%' ORDER BY 1"))
                        .containsExactly("payment", "refund");
                assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema ="
                        + " DATABASE()")).as("triggers left").isZero();
                assertThat(db.count("SELECT count(*) FROM information_schema.statistics WHERE table_schema ="
                        + " DATABASE() AND table_name = 'refund' AND column_name = 'payment_id'")).isPositive();
                // the foreign key is enforced
                assertThatThrownBy(() -> db.execute("INSERT INTO refund (payment_id, amount) VALUES (999999999, 1)"))
                        .hasMessageContaining("foreign key constraint fails");
                // numbering goes on past INT
                db.execute("ALTER TABLE payment AUTO_INCREMENT = 2147483646");
                for (int i = 0; i < 3; i++) {
                    db.execute("INSERT INTO payment (amount) VALUES (1)",
                            "INSERT INTO refund (payment_id, amount) VALUES (LAST_INSERT_ID(), 1)");
                }
                assertThat(db.count("SELECT max(payment_id) FROM payment")).isEqualTo(2147483648L);
                assertThat(db.count("SELECT count(*) FROM refund WHERE payment_id > 2147483647")).isEqualTo(1);
                System.out.printf("key copy under load (mariadb, %d + %d rows): %d app operations, %d payments"
                                + " inserted, %d deleted, 0 errors; steps ms %s; cutover %d ms; longest app round %d ms;"
                                + " whole apply %d ms%n", ROWS, REFUNDS, app.operations.get(), app.inserted.get(),
                        app.deleted.get(), durations, durations.getOrDefault(cutover, -1L), app.longest.get(), total);
            }
        }
    }

    /** Rollback before the cutover: the shadows and triggers are gone, the tables untouched. */
    @Test
    @Tag("mariadb")
    void mariadbRollbackBeforeTheCutoverLeavesTheTables() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            seed(db);
            Database database = ApplyScenario.database(db);
            Path dir = ApplyScenario.tempDir();
            PlanFile plan = plan(db, dir);
            String planPath = dir.resolve(PlanResult.JSON_FILE).toString();
            ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, Duration.ofMillis(100), Duration.ZERO);
            try (Writers app = new Writers(db, 3)) {
                app.start();
                new Applier(database, base, System.out::println).apply(plan, planPath);
                new Applier(database, base.withThrough(Phase.CONTRACT), System.out::println).apply(plan, planPath);
                assertThat(db.count("SELECT count(*) FROM _payment_new")).isPositive();
                new Rollbacker(database, base, System.out::println).rollback(plan, true);
                sleep(200);
                app.close();
                assertThat(app.errors.stream().filter(e -> !e.contains("Deadlock found")).toList())
                        .as("errors beyond the copy's announced deadlocks").isEmpty();
                assertThat(app.errors.size()).as("announced deadlocks: a few per copy").isLessThanOrEqualTo(5);
                app.assertTablesMatchTheLog(db);
                assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                        + " DATABASE() AND table_name NOT LIKE 'strategist%' ORDER BY 1"))
                        .containsExactly("payment", "refund");
                assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema ="
                        + " DATABASE()")).isZero();
                assertThat(db.column("SELECT column_type FROM information_schema.columns WHERE table_schema ="
                        + " DATABASE() AND column_name = 'payment_id'")).containsOnly("int(11)");
            }
        }
    }

    static int stepWith(PlanFile plan, String sql) {
        return plan.steps().stream().filter(s -> s instanceof SchemaStep k && k.sql().stream()
                .anyMatch(q -> q.contains(sql))).mapToInt(Step::number).findFirst().orElseThrow();
    }

    /**
     * Writer threads, each logging what it committed: a payment with a refund inserted in one transaction, an
     * amount updated on a seeded payment of its own (payment_id modulo the thread count), and every fifth round a
     * payment it inserted deleted with its refund.
     */
    static final class Writers extends LoadWriters {
        final Map<Long, BigDecimal> amounts = new ConcurrentHashMap<>();
        final Map<Long, Long> refunds = new ConcurrentHashMap<>();
        final Map<Long, Boolean> gone = new ConcurrentHashMap<>();
        final AtomicLong deleted = new AtomicLong();
        final AtomicLong longest = new AtomicLong();
        private final AtomicLong rounds = new AtomicLong();
        private final int threads;
        private final Map<String, List<long[]>> own = new ConcurrentHashMap<>();

        Writers(TestDatabase db, int count) {
            super(db, count);
            this.threads = count;
        }

        @Override
        void round(Connection c) throws SQLException {
            try {
                logged(c);
            } catch (SQLException e) {
                System.out.println(java.time.LocalTime.now() + " DEBUG app error: " + e.getMessage());
                throw e;
            }
        }

        private void logged(Connection c) throws SQLException {
            long t0 = System.nanoTime();
            int me = Integer.parseInt(Thread.currentThread().getName().substring("writer-".length()));
            List<long[]> mine = own.computeIfAbsent(Thread.currentThread().getName(), k -> new ArrayList<>());
            BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(1, 99999), 2);
            c.setAutoCommit(false);
            try {
                long id;
                long rid;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment (amount) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setBigDecimal(1, amount);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO refund (payment_id, amount) VALUES (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, id);
                    ps.setBigDecimal(2, amount);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        rid = rs.getLong(1);
                    }
                }
                c.commit();
                amounts.put(id, amount);
                refunds.put(rid, id);
                mine.add(new long[] {id, rid});
                insertedId(id);
                if (rounds.incrementAndGet() % 5 == 0) {
                    long[] victim = mine.remove(0);
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM refund WHERE refund_id = ?")) {
                        ps.setLong(1, victim[1]);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM payment WHERE payment_id = ?")) {
                        ps.setLong(1, victim[0]);
                        ps.executeUpdate();
                    }
                    c.commit();
                    amounts.remove(victim[0]);
                    refunds.remove(victim[1]);
                    deleted.incrementAndGet();
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            long seeded = ThreadLocalRandom.current().nextLong(1, ROWS / threads) * threads + me;
            BigDecimal next = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(1, 99999), 2);
            try (PreparedStatement ps = c.prepareStatement("UPDATE payment SET amount = ? WHERE payment_id = ?")) {
                ps.setBigDecimal(1, next);
                ps.setLong(2, seeded);
                if (ps.executeUpdate() == 1) {
                    amounts.put(seeded, next);
                }
            }
            operations.addAndGet(4);
            longest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
        }

        /** Every payment and refund row equals what the seed and the writers' log say, and nothing else is there. */
        void assertTablesMatchTheLog(TestDatabase db) throws SQLException {
            Map<Long, BigDecimal> expected = new HashMap<>();
            for (long i = 1; i <= ROWS; i++) {
                expected.put(i, BigDecimal.valueOf(i % 1000, 1).setScale(2));
            }
            expected.putAll(amounts);
            Map<Long, BigDecimal> actual = new HashMap<>();
            Map<Long, Long> actualRefunds = new HashMap<>();
            try (Connection c = db.newConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT payment_id, amount FROM payment WHERE payment_id < "
                        + Integer.MAX_VALUE)) {
                    while (rs.next()) {
                        actual.put(rs.getLong(1), rs.getBigDecimal(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT refund_id, payment_id FROM refund")) {
                    while (rs.next()) {
                        actualRefunds.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            assertThat(actual).as("payment rows").hasSameSizeAs(expected).isEqualTo(expected);
            Map<Long, Long> expectedRefunds = new HashMap<>();
            for (long i = 1; i <= REFUNDS; i++) {
                expectedRefunds.put(i, i * 37 % ROWS + 1);
            }
            expectedRefunds.putAll(refunds);
            assertThat(actualRefunds).as("refund rows").hasSameSizeAs(expectedRefunds).isEqualTo(expectedRefunds);
        }
    }
}
