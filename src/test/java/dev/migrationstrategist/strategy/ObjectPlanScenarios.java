package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.migrationstrategist.strategy.ObjectPlanSteps.catalog;
import static dev.migrationstrategist.strategy.ObjectPlanSteps.model;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle of every constraint, index and table change kind against a real server: State A plus rows, every
 * step of the plan with app writes between the steps, then the catalog must equal the plan's State B and every row
 * must still be there; and State A, the reversible steps, their rollback SQL in reverse, back to State A.
 * Subclasses pick the server.
 */
abstract class ObjectPlanScenarios {
    static final String STATE_A = """
            CREATE TABLE customers (id bigint NOT NULL, email varchar(255), name varchar(100) NOT NULL,
              PRIMARY KEY (id));
            CREATE TABLE orders (id bigint NOT NULL, customer_id bigint, total numeric(10,2) NOT NULL,
              status varchar(20), PRIMARY KEY (id));
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE TABLE events (legacy_id bigint, payload varchar(200));
            """;

    abstract TestDatabase database();

    /** Rows the app wrote, per table, so the data check knows what must be there. */
    static final class Writes {
        final Map<String, Integer> inserted = new HashMap<>();
        int k = 1000;

        void insert(TestDatabase db, String table, String columnsAndValues) {
            db.execute("INSERT INTO " + table + " " + columnsAndValues);
            inserted.merge(table, 1, Integer::sum);
        }
    }

    /** What the running app version writes after a step; {@code released} once the plan's app release ran. */
    interface Writer {
        void write(TestDatabase db, Writes w, boolean released);
    }

    static final Writer ORDERS_AND_CUSTOMERS = (db, w, released) -> {
        int k = ++w.k;
        w.insert(db, "customers", "(id, email, name) VALUES (" + k + ", 'c" + k + "@example.com', 'n" + k + "')");
        w.insert(db, "orders", "(id, customer_id, total, status) VALUES (" + k + ", " + k + ", 9.50, 'new')");
    };

    static final Writer EVENTS = (db, w, released) -> {
        int k = ++w.k;
        w.insert(db, "events", "(legacy_id, payload) VALUES (" + k + ", 'e" + k + "')");
    };

    static void seed(TestDatabase db) {
        db.execute(statements(STATE_A));
        List<String> customers = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            customers.add("(" + i + ", 'c" + i + "@example.com', 'name " + i + "')");
        }
        db.execute("INSERT INTO customers (id, email, name) VALUES " + String.join(", ", customers));
        List<String> orders = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            orders.add("(" + i + ", " + (i % 10 == 0 ? "NULL" : String.valueOf(i % 50 + 1)) + ", " + i + ".25, 'new')");
        }
        db.execute("INSERT INTO orders (id, customer_id, total, status) VALUES " + String.join(", ", orders));
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            events.add("(" + i + ", 'payload " + i + "')");
        }
        db.execute("INSERT INTO events (legacy_id, payload) VALUES " + String.join(", ", events));
    }

    static List<String> statements(String ddl) {
        return java.util.Arrays.stream(ddl.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static final Map<String, Integer> SEEDED = Map.of("customers", 50, "orders", 200, "events", 30);

    /** Runs every step with writes between them; checks State B and the rows. Returns the plan. */
    Plan fullRun(String change, Map<String, Long> rows, Writer writer, Map<String, String> renamed) {
        try (TestDatabase db = database()) {
            seed(db);
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, change, rows);
            assertThat(catalog(db)).as("State A as read back").isEqualTo(model(plan.before()));
            Writes w = new Writes();
            boolean released = false;
            for (Step s : plan.steps()) {
                if (s instanceof AppReleaseStep) {
                    released = true;
                } else {
                    ObjectPlanSteps.run(db, (SchemaStep) s);
                }
                writer.write(db, w, released);
            }
            assertThat(catalog(db)).as("State B").isEqualTo(model(plan.after()));
            for (var e : SEEDED.entrySet()) {
                String table = renamed.getOrDefault(e.getKey(), e.getKey());
                if (table == null) {
                    continue;
                }
                assertThat(db.count("SELECT count(*) FROM " + table)).as("rows of " + table)
                        .isEqualTo(e.getValue() + w.inserted.getOrDefault(e.getKey(), 0));
            }
            return plan;
        }
    }

    /** Applies the reversible steps up to {@code lastPhase} with writes, rolls them back in reverse: State A. */
    void rollbackRun(String change, Map<String, Long> rows, Writer writer, Phase lastPhase) {
        try (TestDatabase db = database()) {
            seed(db);
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, change, rows);
            Writes w = new Writes();
            List<SchemaStep> applied = new ArrayList<>();
            boolean released = false;
            for (Step s : plan.steps()) {
                if (s instanceof AppReleaseStep) {
                    released = true;
                    continue;
                }
                if (s.phase().compareTo(lastPhase) > 0 || s.rollback().irreversible()) {
                    break;
                }
                ObjectPlanSteps.run(db, (SchemaStep) s);
                applied.add((SchemaStep) s);
                writer.write(db, w, released);
            }
            assertThat(applied).isNotEmpty();
            for (int i = applied.size() - 1; i >= 0; i--) {
                ObjectPlanSteps.rollback(db, applied.get(i));
            }
            assertThat(catalog(db)).as("back to State A").isEqualTo(model(plan.before()));
            for (var e : SEEDED.entrySet()) {
                assertThat(db.count("SELECT count(*) FROM " + e.getKey())).as("rows of " + e.getKey())
                        .isEqualTo(e.getValue() + w.inserted.getOrDefault(e.getKey(), 0));
            }
        }
    }

    static final String ADD_CHECK = "ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0);";
    static final String ADD_FK = "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)"
            + " REFERENCES customers (id);";
    static final String ADD_UNIQUE = "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);";
    static final String ADD_PK = "ALTER TABLE events ADD PRIMARY KEY (legacy_id);";
    static final String CREATE_INDEX = "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);";
    static final String CREATE_TABLE = "CREATE TABLE refunds (id bigint NOT NULL, order_id bigint NOT NULL,"
            + " amount numeric(10,2) NOT NULL, PRIMARY KEY (id), CONSTRAINT refunds_amount_positive CHECK (amount > 0),"
            + " CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id));";
    static final String DROP_TABLE = "DROP TABLE events;";
    static final String RENAME_TABLE = "ALTER TABLE orders RENAME TO purchases;";

    abstract String dropIndexSql();

    /** Row counts for kinds whose online path on this server is an external tool (then: the direct path). */
    Map<String, Long> checkRows() {
        return Map.of();
    }

    @Test
    void addCheckReachesStateBAndRollsBack() {
        fullRun(ADD_CHECK, checkRows(), ORDERS_AND_CUSTOMERS, Map.of());
        rollbackRun(ADD_CHECK, checkRows(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void addForeignKeyReachesStateBAndRollsBack() {
        fullRun(ADD_FK, Map.of(), ORDERS_AND_CUSTOMERS, Map.of());
        rollbackRun(ADD_FK, Map.of(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void addUniqueReachesStateBAndRollsBack() {
        fullRun(ADD_UNIQUE, Map.of(), ORDERS_AND_CUSTOMERS, Map.of());
        rollbackRun(ADD_UNIQUE, Map.of(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void addPrimaryKeyReachesStateBAndRollsBack() {
        fullRun(ADD_PK, Map.of(), EVENTS, Map.of());
        rollbackRun(ADD_PK, Map.of(), EVENTS, Phase.CONTRACT);
    }

    @Test
    void createIndexIsOneStepAndRollsBack() {
        Plan plan = fullRun(CREATE_INDEX, Map.of(), ORDERS_AND_CUSTOMERS, Map.of());
        assertThat(plan.steps()).hasSize(1);
        rollbackRun(CREATE_INDEX, Map.of(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void dropIndexIsOneStepAndRollsBack() {
        Plan plan = fullRun(dropIndexSql(), Map.of(), ORDERS_AND_CUSTOMERS, Map.of());
        assertThat(plan.steps()).hasSize(1);
        rollbackRun(dropIndexSql(), Map.of(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void createTableIsOneStepAndRollsBack() {
        Writer refunds = (db, w, released) -> {
            ORDERS_AND_CUSTOMERS.write(db, w, released);
            w.insert(db, "refunds", "(id, order_id, amount) VALUES (" + w.k + ", " + w.k + ", 1.00)");
        };
        Plan plan = fullRun(CREATE_TABLE, Map.of(), refunds, Map.of());
        assertThat(plan.steps()).hasSize(1);
        rollbackRun(CREATE_TABLE, Map.of(), ORDERS_AND_CUSTOMERS, Phase.CONTRACT);
    }

    @Test
    void dropTableStopsTheAppFirstAndRenamesAsideReversibly() {
        Writer eventsUntilRelease = (db, w, released) -> {
            if (!released) {
                EVENTS.write(db, w, false);
            }
        };
        Map<String, String> gone = new HashMap<>();
        gone.put("events", null);
        fullRun(DROP_TABLE, Map.of(), eventsUntilRelease, gone);
        rollbackRun(DROP_TABLE, Map.of(), eventsUntilRelease, Phase.CONTRACT);
    }

    @Test
    void renameTableKeepsBothNamesWorkingUntilTheContract() {
        Writer both = (db, w, released) -> {
            int k = ++w.k;
            // Old and new app versions run side by side: each name must take writes while it exists.
            String mine = released ? "purchases" : "orders";
            String other = released ? "orders" : "purchases";
            db.execute("INSERT INTO " + mine + " (id, customer_id, total, status) VALUES (" + k + ", 1, 1.00, 'new')");
            w.inserted.merge("orders", 1, Integer::sum);
            if (exists(db, other)) {
                db.execute("UPDATE " + other + " SET status = 'paid' WHERE id = " + k);
                assertThat(db.count("SELECT count(*) FROM " + mine + " WHERE id = " + k + " AND status = 'paid'"))
                        .isEqualTo(1);
            }
        };
        fullRun(RENAME_TABLE, Map.of(), both, Map.of("orders", "purchases"));
        rollbackRun(RENAME_TABLE, Map.of(), both, renameRollbackThrough());
    }

    /** The last phase whose steps can be rolled back in reverse and land exactly on State A. */
    abstract Phase renameRollbackThrough();

    static boolean exists(TestDatabase db, String table) {
        return db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + db.scope()
                + "' AND table_name = '" + table + "'") == 1;
    }
}
