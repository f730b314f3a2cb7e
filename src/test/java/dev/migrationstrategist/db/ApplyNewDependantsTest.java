package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10, apply time: a rename of customer.phone is planned on the rental schema and applied through the backfill;
 * then, one at a time, a view on customer.phone, a trigger of another table writing it, a routine naming it and a
 * view of another schema (database) over it are created. Each stops the contract before it runs (exit 1, the object
 * named, nothing dropped, the step recorded failed without an attempt); once it is dropped apply completes.
 */
class ApplyNewDependantsTest {
    private static final int ROWS = 2_000;

    @Test
    @Tag("postgres")
    void postgresContractStopsForEachDependantCreatedAfterPlanning() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String other = db.scope() + "_rep";
            try {
                // known to the plan (a note: it changes with the app): named qualified in state_a, never "new"
                run(db, List.of("CREATE SCHEMA " + other, "CREATE FUNCTION " + other + ".phone_report() RETURNS"
                        + " bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(phone) FROM " + db.scope()
                        + ".customer); END $$"), List.of(
                        new Added("view " + "customer_phones", List.of("CREATE VIEW customer_phones AS SELECT"
                                + " customer_id, phone FROM customer"), "DROP VIEW customer_phones"),
                        new Added("trigger store_phone on store", List.of("CREATE FUNCTION store_phone() RETURNS"
                                + " trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE customer SET phone = NULL WHERE"
                                + " store_id = NEW.store_id AND false; RETURN NEW; END $$",
                                "CREATE TRIGGER store_phone AFTER UPDATE ON store FOR EACH ROW EXECUTE FUNCTION"
                                + " store_phone()"), "DROP TRIGGER store_phone ON store; DROP FUNCTION store_phone()"),
                        new Added("function customer_phone", List.of("CREATE FUNCTION customer_phone(p_id integer)"
                                + " RETURNS text LANGUAGE plpgsql AS $$ DECLARE v text; BEGIN SELECT phone INTO v FROM"
                                + " customer WHERE customer_id = p_id; RETURN v; END $$"),
                                "DROP FUNCTION customer_phone(integer)"),
                        new Added("view " + other + ".customer_summary", List.of("CREATE VIEW " + other
                                + ".customer_summary AS SELECT c.customer_id, c.phone FROM " + db.scope()
                                + ".customer c"), "DROP VIEW " + other + ".customer_summary")));
            } finally {
                db.execute("DROP SCHEMA IF EXISTS " + other + " CASCADE");
            }
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbContractStopsForEachDependantCreatedAfterPlanning() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            String other = db.scope() + "_rep";
            try {
                run(db, List.of("CREATE DATABASE " + other, "CREATE FUNCTION " + other + ".phone_report() RETURNS"
                        + " bigint READS SQL DATA RETURN (SELECT count(phone) FROM " + db.scope() + ".customer)"),
                        List.of(
                        new Added("view customer_phones", List.of("CREATE VIEW customer_phones AS SELECT customer_id,"
                                + " phone FROM customer"), "DROP VIEW customer_phones"),
                        new Added("trigger store_phone on store", List.of("CREATE TRIGGER store_phone AFTER UPDATE ON"
                                + " store FOR EACH ROW UPDATE customer SET phone = NULL WHERE store_id ="
                                + " NEW.store_id AND 1 = 0"), "DROP TRIGGER store_phone"),
                        new Added("function customer_phone", List.of("CREATE FUNCTION customer_phone(p_id INT)"
                                + " RETURNS varchar(20) READS SQL DATA RETURN (SELECT phone FROM customer WHERE"
                                + " customer_id = p_id)"), "DROP FUNCTION customer_phone"),
                        new Added("view " + other + ".customer_summary", List.of("CREATE VIEW " + other
                                + ".customer_summary AS SELECT c.customer_id, c.phone FROM " + db.scope()
                                + ".customer c"), "DROP VIEW " + other + ".customer_summary")));
            } finally {
                db.execute("DROP DATABASE IF EXISTS " + other);
            }
        }
    }

    /**
     * A PostgreSQL type change is a swap: a step renames loyalty_points away and loyalty_points_new to its name, a
     * later one drops the old column. A view created on loyalty_points after planning would follow the old column
     * and read stale values until the drop failed: apply stops before the swap.
     */
    @Test
    @Tag("postgres")
    void postgresTypeSwapStopsForAViewOnTheSwappedColumn() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            DependantReaderTest.load(db, "postgres.sql");
            db.execute("INSERT INTO store (store_id, name) VALUES (1, 'Lethbridge')",
                    "INSERT INTO customer (customer_id, store_id, first_name, last_name, loyalty_points) SELECT g, 1,"
                            + " 'f' || g, 'l' || g, g FROM generate_series(1, " + ROWS + ") g");
            PlanResult result = Strategist.configure().liveDatabase(ApplyScenario.database(db))
                    .rows("customer", 5_000_000).batchSize(500).load()
                    .plan("change type of customer.loyalty_points to bigint");
            Path dir = ApplyScenario.tempDir();
            result.write(dir);
            Path planPath = dir.resolve(PlanResult.JSON_FILE);
            PlanFile plan = PlanFile.read(planPath);
            Database database = ApplyScenario.database(db);
            ApplyOptions options = ApplyOptions.defaults().withBatching(500, Duration.ZERO, Duration.ZERO)
                    .withThrough(Phase.CONTRACT).withConfirmContract(true);
            int swap = plan.steps().stream().filter(s -> s.phase() == Phase.CONTRACT).findFirst().orElseThrow()
                    .number();
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyResult first = new Applier(database, options.withThrough(Phase.APP_RELEASE_3), log)
                    .apply(plan, planPath.toString());
            assertThat(first.stoppedAt()).as(String.join("\n", log.lines)).isEqualTo(swap);
            db.execute("CREATE VIEW loyal AS SELECT customer_id, loyalty_points FROM customer");
            assertThatThrownBy(() -> new Applier(database, options, new ApplyScenario.Log())
                    .apply(plan, planPath.toString()))
                    .isInstanceOf(StrategistException.class)
                    .hasMessageContaining("view loyal (new since planning) uses customer.loyalty_points, which step "
                            + swap + " swaps");
            assertThat(db.columns("customer")).doesNotContain("loyalty_points_old").contains("loyalty_points_new");
            db.execute("DROP VIEW loyal");
            ApplyScenario.Log done = new ApplyScenario.Log();
            assertThat(new Applier(database, options, done).apply(plan, planPath.toString()).complete())
                    .as(String.join("\n", done.lines)).isTrue();
            assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + db.scope() + "' AND table_name = 'customer' AND column_name = 'loyalty_points'"))
                    .containsExactly("bigint");
        }
    }

    /** An object created after planning: the name the refusal must give, how to create it, how to drop it. */
    private record Added(String name, List<String> create, String drop) {
    }

    private static void run(TestDatabase db, List<String> before, List<Added> added) throws Exception {
        boolean pg = db.family().equals("postgresql");
        DependantReaderTest.load(db, pg ? "postgres.sql" : "mariadb.sql");
        db.execute("INSERT INTO store (store_id, name) VALUES (1, 'Lethbridge')");
        db.execute(pg ? "INSERT INTO customer (customer_id, store_id, first_name, last_name, phone) SELECT g, 1,"
                + " 'f' || g, 'l' || g, 'p' || g FROM generate_series(1, " + ROWS + ") g"
                : "INSERT INTO customer (customer_id, store_id, first_name, last_name, phone) SELECT seq, 1,"
                + " CONCAT('f', seq), CONCAT('l', seq), CONCAT('p', seq) FROM seq_1_to_" + ROWS);
        db.execute(before);
        PlanResult result = Strategist.configure().liveDatabase(ApplyScenario.database(db)).batchSize(500).load()
                .plan("rename column customer.phone to phone_number");
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        Path planPath = dir.resolve(PlanResult.JSON_FILE);
        PlanFile plan = PlanFile.read(planPath);
        assertThat(plan.evidence().stateA().dependants().routines()).as("state_a names the other schema's routine")
                .extracting(r -> r.name()).contains(Ident.qualified(db.scope() + "_rep", "phone_report"));
        Database database = ApplyScenario.database(db);
        ApplyOptions upToContract = ApplyOptions.defaults().withBatching(500, Duration.ZERO, Duration.ZERO)
                .withThrough(Phase.APP_RELEASE_3);
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyResult first = new Applier(database, upToContract, log).apply(plan, planPath.toString());
        assertThat(first.ran()).as(String.join("\n", log.lines)).isNotEmpty();
        int contract = plan.steps().stream().filter(s -> s.phase() == Phase.CONTRACT).findFirst().orElseThrow()
                .number();
        ApplyOptions rest = upToContract.withThrough(Phase.CONTRACT).withConfirmContract(true);
        for (Added a : added) {
            db.execute(a.create());
            ApplyScenario.Log dry = new ApplyScenario.Log();
            ApplyResult would = new Applier(database, rest.withDryRun(true), dry).apply(plan, planPath.toString());
            assertThat(would.stoppedAt()).as(String.join("\n", dry.lines)).isEqualTo(contract);
            assertThat(would.reason()).contains(a.name());
            ApplyScenario.Log refused = new ApplyScenario.Log();
            assertThatThrownBy(() -> new Applier(database, rest, refused).apply(plan, planPath.toString()))
                    .isInstanceOfSatisfying(StrategistException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
                        assertThat(e.getMessage()).contains(a.name() + " (new since planning) uses customer.phone")
                                .contains("before step " + contract).doesNotContain("\n");
                    });
            assertThat(db.columns("customer")).as("nothing of the contract ran").contains("phone");
            try (var c = db.newConnection()) {
                StepState st = new StateStore(c, Database.dialectOf(c)).step(plan.id(), contract).orElseThrow();
                assertThat(st.status()).isEqualTo(StepState.Status.FAILED);
                assertThat(st.attempts()).as("not started").isZero();
                assertThat(st.message()).contains(a.name());
            }
            db.execute(a.drop().split("; "));
        }
        ApplyScenario.Log done = new ApplyScenario.Log();
        ApplyResult complete = new Applier(database, rest, done).apply(plan, planPath.toString());
        assertThat(complete.complete()).as(String.join("\n", done.lines)).isTrue();
        assertThat(db.columns("customer")).doesNotContain("phone").contains("phone_number");
        assertThat(db.count("SELECT count(*) FROM customer_list")).isEqualTo(ROWS);
    }
}
