package dev.migrationstrategist.strategy;

import dev.migrationstrategist.db.CatalogReader;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Domain checks on a real PostgreSQL 15: the plan's steps, writes between them, rollback, the catalog, the locks. */
@Tag("postgres")
class DomainChecksPostgresTest {
    static final String STATE_A = "CREATE DOMAIN quantity AS integer NOT NULL CONSTRAINT quantity_bounded"
            + " CHECK (VALUE < 1000000);\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, quantity quantity);\n"
            + "CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL, quantity quantity)";
    static final String CHANGE = "add check quantity_positive on domain quantity (VALUE > 0)";

    private static void setUp(TestDatabase db) {
        db.execute(STATE_A.split(";\n"));
        db.execute("INSERT INTO orders VALUES (1, 5), (2, 7)",
                "INSERT INTO order_lines VALUES (1, 1, 2), (2, 1, 0), (3, 2, 3)"); // line 2 breaks the new check
    }

    private static List<DomainType> domains(TestDatabase db) throws Exception {
        return CatalogReader.read(db.connection(), db.scope()).domains();
    }

    /** name → valid, of the domain's checks: the catalog renders expressions its own way. */
    private static Map<String, Boolean> validity(DomainType d) {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        d.checks().forEach(c -> out.put(c.name().name(), c.valid()));
        return out;
    }

    @Test
    void catalogReaderReadsDomainsWithBaseTypeDefaultAndCheckValidity() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            db.execute("CREATE DOMAIN price AS numeric(10,2) DEFAULT 1 CHECK (VALUE >= 0)",
                    "ALTER DOMAIN price ADD CONSTRAINT price_small CHECK (VALUE < 100) NOT VALID");
            assertThat(domains(db)).containsExactly(
                    new DomainType(Ident.of("quantity"), DataType.parse("integer"), true, null,
                            List.of(new DomainType.Check(Ident.of("quantity_bounded"), "(VALUE < 1000000)", true))),
                    new DomainType(Ident.of("price"), DataType.parse("numeric(10,2)"), false, "1",
                            List.of(new DomainType.Check(Ident.of("price_check"), "(VALUE >= (0)::numeric)", true),
                                    new DomainType.Check(Ident.of("price_small"), "(VALUE < (100)::numeric)",
                                            false))));
            assertThat(CatalogReader.read(db.connection(), db.scope()).columnsOfDomain(Ident.of("quantity")))
                    .extracting(e -> e.getKey().name().name() + "." + e.getValue().name().name())
                    .containsExactly("orders.quantity", "order_lines.quantity");
        }
    }

    @Test
    void addDomainCheckVerifyGateCountsTheViolatingRowThenTheStepsReachStateB() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            Plan plan = PlanSteps.plan("postgresql:15", STATE_A, CHANGE, Map.of());
            assertThat(plan.steps()).extracting(s -> s.phase()).containsExactly(Phase.EXPAND, Phase.CONSTRAIN);
            SchemaStep expand = (SchemaStep) plan.steps().get(0);
            SchemaStep validate = (SchemaStep) plan.steps().get(1);
            PlanSteps.run(db, expand);
            // v1.0 keeps writing: a valid value goes in, a violating one is rejected from the NOT VALID step on
            db.execute("INSERT INTO order_lines VALUES (4, 2, 9)");
            assertThatThrownBy(() -> db.execute("INSERT INTO orders VALUES (3, 0)"))
                    .hasMessageContaining("violates check constraint \"quantity_positive\"");
            assertThatThrownBy(() -> db.execute("UPDATE order_lines SET quantity = -1 WHERE id = 1"))
                    .hasMessageContaining("quantity_positive");
            assertThat(validity(domain(db))).containsEntry("quantity_positive", false);
            // the gate sees the old violating row in the second table; VALIDATE would fail on it
            assertThat(db.count(validate.verifySql())).isEqualTo(1);
            assertThatThrownBy(() -> PlanSteps.run(db, validate)).hasMessageContaining("quantity_positive");
            db.execute("UPDATE order_lines SET quantity = 1 WHERE id = 2");
            assertThat(db.count(validate.verifySql())).isZero();
            PlanSteps.run(db, validate);
            DomainType after = domain(db);
            assertThat(validity(after)).isEqualTo(Map.of("quantity_bounded", true, "quantity_positive", true));
            assertThat(validity(after)).isEqualTo(validity(plan.after().domain(Ident.of("quantity")).orElseThrow()));
            assertThat(db.count("SELECT count(*) FROM order_lines")).isEqualTo(4);
        }
    }

    @Test
    void addDomainCheckExpandRollsBackToStateA() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            List<DomainType> stateA = domains(db);
            Plan plan = PlanSteps.plan("postgresql:15", STATE_A, CHANGE, Map.of());
            PlanSteps.expandThenRollBack(db, plan);
            assertThat(domains(db)).isEqualTo(stateA);
            db.execute("INSERT INTO orders VALUES (3, 0)"); // the check is gone
            assertThat(validity(stateA.get(0))).isEqualTo(
                    validity(plan.before().domain(Ident.of("quantity")).orElseThrow()));
        }
    }

    /** The lock text of the steps is measured here: session A holds the statement open, session B reads pg_locks. */
    @Test
    void addDomainCheckLocksMeasuredFromASecondSession() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            String add = "ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0)";
            db.execute("UPDATE order_lines SET quantity = 1 WHERE id = 2");
            assertThat(tableLocks(db, add)).containsEntry("orders", "ShareLock")
                    .containsEntry("order_lines", "ShareLock");
            assertThat(tableLocks(db, add + " NOT VALID")).isEmpty();
            db.execute(add + " NOT VALID");
            assertThat(tableLocks(db, "ALTER DOMAIN quantity VALIDATE CONSTRAINT quantity_positive"))
                    .containsEntry("orders", "ShareLock").containsEntry("order_lines", "ShareLock");
        }
    }

    @Test
    void dropDomainCheckIsOneCatalogStepAndItsRollbackReAddsTheCheckValidated() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            Plan plan = PlanSteps.plan("postgresql:15", STATE_A,
                    "ALTER DOMAIN quantity DROP CONSTRAINT quantity_bounded;", Map.of());
            assertThat(plan.steps()).hasSize(1);
            SchemaStep drop = (SchemaStep) plan.steps().get(0);
            assertThat(drop.sql()).containsExactly("ALTER DOMAIN quantity DROP CONSTRAINT IF EXISTS quantity_bounded;");
            assertThat(tableLocks(db, drop.sql().get(0))).isEmpty(); // no lock on orders / order_lines
            PlanSteps.run(db, drop);
            PlanSteps.run(db, drop); // IF EXISTS: a rerun is harmless
            assertThat(validity(domain(db))).isEqualTo(validity(plan.after().domain(Ident.of("quantity"))
                    .orElseThrow())).isEmpty();
            db.execute("INSERT INTO orders VALUES (3, 2000000)"); // refused before, accepted now
            assertThatThrownBy(() -> PlanSteps.execute(db, drop.rollback().sql(), false))
                    .hasMessageContaining("quantity_bounded"); // the VALIDATE finds the new value
            assertThat(validity(domain(db))).isEqualTo(Map.of("quantity_bounded", false)); // NOT VALID: writes checked
            assertThatThrownBy(() -> db.execute("INSERT INTO orders VALUES (4, 2000000)"))
                    .hasMessageContaining("quantity_bounded");
            db.execute("DELETE FROM orders WHERE id = 3");
            PlanSteps.execute(db, drop.rollback().sql().subList(1, 2), false);
            assertThat(validity(domain(db))).isEqualTo(validity(plan.before().domain(Ident.of("quantity"))
                    .orElseThrow()));
        }
    }

    private static DomainType domain(TestDatabase db) throws Exception {
        return domains(db).stream().filter(d -> d.name().name().equals("quantity")).findFirst().orElseThrow();
    }

    /** table → strongest-first lock modes that session A holds on the schema's tables while {@code sql} is open. */
    private static Map<String, String> tableLocks(TestDatabase db, String sql) throws Exception {
        try (Connection a = db.newConnection(); Connection b = db.newConnection()) {
            a.setAutoCommit(false);
            int pid;
            try (Statement st = a.createStatement()) {
                st.execute(sql);
                var rs = st.executeQuery("SELECT pg_backend_pid()");
                rs.next();
                pid = rs.getInt(1);
            }
            Map<String, String> out = new java.util.TreeMap<>();
            try (Statement st = b.createStatement(); var rs = st.executeQuery("SELECT c.relname, l.mode FROM pg_locks l"
                    + " JOIN pg_class c ON c.oid = l.relation WHERE l.pid = " + pid + " AND c.relkind = 'r'"
                    + " AND c.relname IN ('orders', 'order_lines')")) {
                while (rs.next()) {
                    out.merge(rs.getString(1), rs.getString(2), (x, y) -> x + "," + y);
                }
            }
            a.rollback();
            return out;
        }
    }
}
