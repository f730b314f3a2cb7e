package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.OldServers;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills of a partitioned PostgreSQL table walk each leaf partition with its own key cursor (issue 15): a rename
 * and a type change on range, list (one partition sub-partitioned by hash) and hash partitioned {@code orders},
 * applied to the release gate and rolled back, then applied through the contract, with an application inserting rows
 * all along. Every row is backfilled, no column but the target changes, every leaf is walked once and the parent
 * never; a partition created after planning is walked too; a row the application moves to another partition (an
 * update of the partition key) keeps its copy through the sync trigger; a rehearsal passes.
 */
@Tag("postgres")
class PartitionedBackfillPostgresTest {
    static final int ROWS = 3_000;
    private static final String PREFIX = "pp_";

    /** {@code orders} partitioned by {@code kind}, seeded with {@link #ROWS} rows; returns its leaf partitions. */
    static List<String> orders(TestDatabase db, String kind) {
        String columns = "id bigint NOT NULL, region text NOT NULL, day date NOT NULL, amount integer NOT NULL,"
                + " note text, touched integer NOT NULL DEFAULT 0";
        switch (kind) {
            case "range" -> db.execute("CREATE TABLE orders (" + columns + ", PRIMARY KEY (day, id))"
                            + " PARTITION BY RANGE (day)",
                    "CREATE TABLE orders_2024_01 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                    "CREATE TABLE orders_2024_02 PARTITION OF orders FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                    "CREATE TABLE orders_2024_03 PARTITION OF orders FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')",
                    "CREATE TABLE orders_rest PARTITION OF orders DEFAULT");
            case "list" -> db.execute("CREATE TABLE orders (" + columns + ", PRIMARY KEY (region, id))"
                            + " PARTITION BY LIST (region)",
                    "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
                    "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us', 'ca') PARTITION BY HASH (id)",
                    "CREATE TABLE orders_us_0 PARTITION OF orders_us FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                    "CREATE TABLE orders_us_1 PARTITION OF orders_us FOR VALUES WITH (MODULUS 2, REMAINDER 1)",
                    "CREATE TABLE orders_rest PARTITION OF orders DEFAULT");
            default -> db.execute("CREATE TABLE orders (" + columns + ", PRIMARY KEY (id)) PARTITION BY HASH (id)",
                    "CREATE TABLE orders_h0 PARTITION OF orders FOR VALUES WITH (MODULUS 4, REMAINDER 0)",
                    "CREATE TABLE orders_h1 PARTITION OF orders FOR VALUES WITH (MODULUS 4, REMAINDER 1)",
                    "CREATE TABLE orders_h2 PARTITION OF orders FOR VALUES WITH (MODULUS 4, REMAINDER 2)",
                    "CREATE TABLE orders_h3 PARTITION OF orders FOR VALUES WITH (MODULUS 4, REMAINDER 3)");
        }
        db.execute("CREATE INDEX orders_note ON orders (note)",
                "INSERT INTO orders (id, region, day, amount, note) SELECT g, (ARRAY['eu', 'us', 'ca', 'apac'])[1 + g % 4],"
                        + " date '2024-01-01' + (g % 100), g * 3 - 500, 'note ' || g FROM generate_series(1, " + ROWS
                        + ") g",
                "ANALYZE orders");
        return db.column("SELECT c.relname FROM pg_partition_tree('orders') t JOIN pg_class c ON c.oid = t.relid"
                + " WHERE t.isleaf ORDER BY c.oid");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "range, rename", "range, type",
            "list, rename", "list, type",
            "hash, rename", "hash, type"})
    void backfillWalksEachLeafUnderWritesRollsBackAndApplies(String kind, String change) throws Exception {
        try (TestDatabase db = TestDatabases.postgres(PREFIX)) {
            List<String> leaves = orders(db, kind);
            String sql = change.equals("rename") ? "ALTER TABLE orders RENAME COLUMN note TO remark;"
                    : "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;";
            String target = change.equals("rename") ? "remark" : "amount_new";
            List<List<String>> before = db.rows("SELECT id, region, day, amount, note, touched FROM orders ORDER BY id");

            PlanFile plan = plan(db, sql);
            BackfillStep backfill = backfill(plan);
            assertThat(backfill.partitions()).as("the plan walks every leaf, the parent never")
                    .extracting(Object::toString).containsExactlyInAnyOrderElementsOf(leaves);

            // to the release gate under writes, then rolled back: State A's rows, each seeded row as it was
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            long written;
            try (InsertWriter app = writer(db, 1_000_000)) {
                ApplyResult gate = new Applier(ApplyScenario.database(db), options().withThrough(Phase.BACKFILL),
                        log::add).apply(plan, "plan.json");
                assertThat(gate.stoppedAt()).as(String.join("\n", log)).isPositive();
                written = app.stop();
            }
            for (String leaf : leaves) {
                assertThat(log).as("walked " + leaf).anyMatch(l -> l.contains("partition " + leaf + " (")
                        || l.contains("partition " + leaf + ")"));
            }
            assertThat(log).as("no second pass was needed").noneMatch(l -> l.contains("one more pass"));
            String source = change.equals("rename") ? "note" : "amount";
            assertThat(db.count("SELECT count(*) FROM orders WHERE " + target + " IS DISTINCT FROM " + source))
                    .as("every row backfilled, the application's too").isZero();
            assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ROWS + written);
            assertThat(new Rollbacker(ApplyScenario.database(db), ApplyOptions.defaults(), ApplyLog.silent())
                    .rollback(plan, true)).isNotEmpty();
            assertThat(db.columns("orders")).containsExactly("id", "region", "day", "amount", "note", "touched");
            assertThat(db.rows("SELECT id, region, day, amount, note, touched FROM orders WHERE id <= " + ROWS
                    + " ORDER BY id")).as("State A's rows after the rollback").isEqualTo(before);

            // planned again and applied through the contract, the application writing up to its last release
            // (it writes State A's columns: after a rename's contract it would write the new name)
            PlanFile again = plan(db, sql);
            long more;
            List<String> log2 = Collections.synchronizedList(new ArrayList<>());
            try (InsertWriter app = writer(db, 2_000_000)) {
                ApplyResult gate = new Applier(ApplyScenario.database(db), options().withThrough(Phase.BACKFILL),
                        log2::add).apply(again, "plan.json");
                assertThat(gate.stoppedAt()).as(String.join("\n", log2)).isPositive();
                more = app.stop();
            }
            applyThroughContract(db, again, log2);
            String now = change.equals("rename") ? "id, region, day, amount, remark, touched"
                    : "id, region, day, amount, note, touched";
            assertThat(db.rows("SELECT " + now + " FROM orders WHERE id <= " + ROWS + " ORDER BY id"))
                    .as("every seeded row, each column as it was").isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ROWS + written + more);
            if (change.equals("type")) {
                assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                        + " current_schema() AND table_name = 'orders' AND column_name = 'amount'"))
                        .containsExactly("bigint");
                assertThat(db.count("SELECT count(*) FROM orders WHERE amount = (id * 3 - 500) OR id > " + ROWS))
                        .isEqualTo(ROWS + written + more);
            } else {
                assertThat(db.count("SELECT count(*) FROM orders WHERE remark = 'note ' || id")).as("the app's rows too")
                        .isEqualTo(ROWS + written + more);
            }
            assertThat(db.count("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT"
                    + " t.tgisinternal AND c.relnamespace = current_schema()::regnamespace")).as("no trigger left")
                    .isZero();
        }
    }

    /**
     * A partition created after the plan was made (next month's, as a partition manager adds it) and filled is
     * walked too, after the planned ones, without a second pass from the first key.
     */
    @Test
    void aPartitionCreatedAfterPlanningIsWalkedToo() throws Exception {
        try (TestDatabase db = TestDatabases.postgres(PREFIX)) {
            orders(db, "range");
            PlanFile plan = plan(db, "ALTER TABLE orders RENAME COLUMN note TO remark;");
            db.execute("CREATE TABLE orders_2024_06 PARTITION OF orders FOR VALUES FROM ('2024-06-01') TO"
                            + " ('2024-07-01')",
                    "INSERT INTO orders (id, region, day, amount, note) SELECT g, 'eu', date '2024-06-01' + g % 30,"
                            + " g, 'june ' || g FROM generate_series(100001, 100700) g");
            long june = db.count("SELECT count(*) FROM orders_2024_06");
            assertThat(june).isEqualTo(700);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            ApplyResult gate = new Applier(ApplyScenario.database(db), options().withThrough(Phase.BACKFILL),
                    log::add).apply(plan, "plan.json");
            assertThat(gate.stoppedAt()).as(String.join("\n", log)).isPositive();
            assertThat(log).anyMatch(l -> l.contains("created since the plan was made are walked too")
                    && l.contains("orders_2024_06"));
            assertThat(log).anyMatch(l -> l.contains("partition orders_2024_06 (5/5): 700 rows in 3 batches"));
            assertThat(log).noneMatch(l -> l.contains("one more pass"));
            assertThat(db.count("SELECT count(*) FROM orders_2024_06 WHERE remark = note")).isEqualTo(june);
        }
    }

    /**
     * An application update of the partition key moves the row to another partition (a DELETE from one and an
     * INSERT into the other): the sync trigger, cloned onto every partition, fires on the INSERT, so the moved row
     * has its copy whether its new partition was walked already or not.
     */
    @Test
    void aRowMovedToAnotherPartitionKeepsItsCopy() throws Exception {
        try (TestDatabase db = TestDatabases.postgres(PREFIX)) {
            orders(db, "list");
            PlanFile plan = plan(db, "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;");
            ApplyResult expand = new Applier(ApplyScenario.database(db), options().withThrough(Phase.EXPAND),
                    ApplyLog.silent()).apply(plan, "plan.json");
            assertThat(expand.stoppedAt()).isPositive();
            assertThat(db.count("SELECT count(*) FROM orders WHERE amount_new IS NOT NULL")).as("not backfilled")
                    .isZero();
            // eu -> us (a sub-partitioned partition), apac (default) -> eu
            db.execute("UPDATE orders SET region = 'us', touched = 1 WHERE region = 'eu' AND id <= 400",
                    "UPDATE orders SET region = 'eu', touched = 2 WHERE region = 'apac' AND id <= 400");
            assertThat(db.count("SELECT count(*) FROM orders WHERE touched > 0")).isEqualTo(200);
            assertThat(db.count("SELECT count(*) FROM orders WHERE touched > 0 AND amount_new = amount"))
                    .as("each moved row has its copy in its new partition").isEqualTo(200);
            ApplyResult gate = new Applier(ApplyScenario.database(db), options(), ApplyLog.silent()).apply(plan,
                    "plan.json");
            assertThat(gate.stoppedAt()).isPositive();
            assertThat(db.count("SELECT count(*) FROM orders WHERE amount_new IS DISTINCT FROM amount")).isZero();
        }
    }

    /** The per-partition walk as the plan shows it: each leaf's batch in the JSON, the first one's in Markdown. */
    @Test
    void thePlanShowsThePerPartitionWalk() throws Exception {
        try (TestDatabase db = TestDatabases.postgres(PREFIX)) {
            List<String> leaves = orders(db, "list");
            Path dir = ApplyScenario.tempDir();
            Strategist.configure().liveDatabase(ApplyScenario.database(db)).largeTableRows(1_000).load()
                    .planSql("ALTER TABLE orders RENAME COLUMN note TO remark;").write(dir);
            String json = Files.readString(dir.resolve(PlanResult.JSON_FILE));
            for (String leaf : leaves) {
                assertThat(json).contains("\"table\" : \"" + leaf + "\",\n      \"sql\" : \"UPDATE " + leaf
                        + " SET remark = note WHERE (region, id) > (:last_id_1, :last_id_2)");
            }
            assertThat(json).as("a sub-partitioned partition is walked through its leaves")
                    .doesNotContain("\"table\" : \"orders_us\",\n      \"sql\"");
            String md = Files.readString(dir.resolve(PlanResult.MARKDOWN_FILE));
            assertThat(md).contains("Batch SQL (per leaf partition; the first, orders_eu)")
                    .contains("`UPDATE orders_eu SET remark = note WHERE (region, id) > (:last_id_1, :last_id_2)")
                    .contains("FROM orders_eu WHERE (region, id) > (:last_id_1, :last_id_2) ORDER BY region, id")
                    .contains("Partitions walked, in order (4): `orders_eu`, `orders_us_0`, `orders_us_1`,"
                            + " `orders_rest`")
                    .contains("each with its own key cursor");
        }
    }

    /** rehearse --db of a rename on a list-partitioned table (sub-partitioned, default partition): PASS. */
    @Test
    void rehearsalOnAPartitionedTablePasses() throws Exception {
        try (TestDatabase db = TestDatabases.postgres(PREFIX)) {
            Path schema = Files.createTempFile("pp_schema", ".sql");
            Files.writeString(schema, """
                    CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, amount integer NOT NULL, note text,
                      PRIMARY KEY (region, id)) PARTITION BY LIST (region);
                    CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
                    CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us') PARTITION BY HASH (id);
                    CREATE TABLE orders_us_0 PARTITION OF orders_us FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                    CREATE TABLE orders_us_1 PARTITION OF orders_us FOR VALUES WITH (MODULUS 2, REMAINDER 1);
                    CREATE TABLE orders_rest PARTITION OF orders DEFAULT;
                    """);
            Path out = Files.createTempDirectory("pp_rehearsal");
            Cli r = Cli.run("rehearse", "--db", db.jdbcUrl(), "--user", db.user(), "--scratch-prefix",
                    "pp_" + Long.toHexString(System.nanoTime()).substring(0, 6) + "_", "--schema", schema.toString(),
                    "--rows", "2000", "--clients", "2", "--out", out.toString(),
                    "--sql", "ALTER TABLE orders RENAME COLUMN note TO remark");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("verdict: PASS").contains("final catalog equals State B");
            assertThat(r.err()).contains("partition orders_rest (4/4)");
        }
    }

    /**
     * The same walk on PostgreSQL 11 (the embedded binaries): a column added with a volatile default is backfilled
     * per leaf of a list-partitioned table, applied through the contract. (A rename or type change cannot be planned
     * there: its sync trigger is a BEFORE row trigger, which a partitioned table accepts from PostgreSQL 13.)
     */
    @Test
    void addColumnBackfillOnPostgres11() throws Exception {
        EmbeddedServer pg11 = OldServers.get("postgresql:11");
        try (TestDatabase db = TestDatabases.postgres(PREFIX, pg11.jdbcUrl(), pg11.user())) {
            db.execute("CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, note text,"
                            + " PRIMARY KEY (region, id)) PARTITION BY LIST (region)",
                    "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
                    "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
                    "INSERT INTO orders SELECT g, (ARRAY['eu', 'us'])[1 + g % 2], 'note ' || g FROM"
                            + " generate_series(1, 2000) g", "ANALYZE orders");
            List<List<String>> before = db.rows("SELECT id, region, note FROM orders ORDER BY id");
            PlanFile plan = plan(db, "ALTER TABLE orders ADD COLUMN seen_at timestamptz NOT NULL DEFAULT"
                    + " clock_timestamp();");
            assertThat(backfill(plan).partitions()).extracting(Object::toString)
                    .containsExactly("orders_eu", "orders_us");
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            applyThroughContract(db, plan, log);
            assertThat(log).anyMatch(l -> l.contains("partition orders_eu (1/2): 1,000 rows in 4 batches"));
            assertThat(log).anyMatch(l -> l.contains("partition orders_us (2/2): 1,000 rows in 4 batches"));
            assertThat(db.count("SELECT count(*) FROM orders WHERE seen_at IS NULL")).isZero();
            assertThat(db.count("SELECT count(DISTINCT seen_at) FROM orders")).as("a value per row").isGreaterThan(1);
            assertThat(db.rows("SELECT id, region, note FROM orders ORDER BY id")).isEqualTo(before);
        }
    }

    /**
     * PostgreSQL before 13 refuses the sync trigger on a partitioned table: a rename is refused when planned, in one
     * line, unless the application keeps both columns in sync (--sync app).
     */
    @Test
    void renameOfAPartitionedTableBefore13IsRefusedWhenPlanned() throws Exception {
        Path schema = Files.createTempFile("pp_schema", ".sql");
        Files.writeString(schema, """
                CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, note text, PRIMARY KEY (region, id))
                  PARTITION BY LIST (region);
                CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
                """);
        Path out = Files.createTempDirectory("pp_plan");
        Cli refused = Cli.run("plan", "--dialect", "postgresql:12", "--schema", schema.toString(), "--out",
                out.toString(), "--print", "none", "--sql", "ALTER TABLE orders RENAME COLUMN note TO remark");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("orders is partitioned")
                .contains("PostgreSQL 13").contains("--sync app");
        Cli app = Cli.run("plan", "--dialect", "postgresql:12", "--sync", "app", "--schema", schema.toString(),
                "--out", out.toString(), "--print", "none", "--sql", "ALTER TABLE orders RENAME COLUMN note TO remark");
        assertThat(app.exitCode()).as(app.toString()).isZero();
        Cli on13 = Cli.run("plan", "--dialect", "postgresql:13", "--schema", schema.toString(), "--out",
                out.toString(), "--print", "none", "--sql", "ALTER TABLE orders RENAME COLUMN note TO remark");
        assertThat(on13.exitCode()).as(on13.toString()).isZero();
    }

    static PlanFile plan(TestDatabase db, String change) throws Exception {
        PlanResult planned = Strategist.configure().liveDatabase(ApplyScenario.database(db)).largeTableRows(1_000)
                .load().planSql(change);
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    static BackfillStep backfill(PlanFile plan) {
        return plan.steps().stream().filter(s -> s instanceof BackfillStep).map(s -> (BackfillStep) s)
                .findFirst().orElseThrow();
    }

    /** Batches of 250, no adapting: several batches in each partition. */
    private static ApplyOptions options() {
        return ApplyOptions.defaults().withBatching(250, Duration.ZERO, Duration.ZERO);
    }

    private static void applyThroughContract(TestDatabase db, PlanFile plan) {
        applyThroughContract(db, plan, new ArrayList<>());
    }

    private static void applyThroughContract(TestDatabase db, PlanFile plan, List<String> log) {
        ApplyResult gate = new Applier(ApplyScenario.database(db), options(), log::add).apply(plan, "plan.json");
        if (gate.complete()) {
            return; // a plan without an application release
        }
        ApplyResult done = new Applier(ApplyScenario.database(db), options().withThrough(Phase.CONTRACT)
                .withConfirmContract(true), log::add).apply(plan, "plan.json");
        assertThat(done.complete()).as(String.join("\n", log)).isTrue();
    }

    /**
     * One application thread inserting orders with fresh ids (from {@code firstId}) into every partition, as State
     * A's columns know them (the sync trigger fills the new column), until stopped; no error may happen.
     */
    private static InsertWriter writer(TestDatabase db, long firstId) {
        return new InsertWriter(db, "INSERT INTO orders (id, region, day, amount, note) VALUES (?, (ARRAY['eu', 'us',"
                + " 'ca', 'apac'])[1 + ?::int % 4], date '2024-01-01' + ?::int % 100, ? * 3 - 500, 'note ' || ?::text)",
                firstId, "partitioned-orders-writer");
    }
}
