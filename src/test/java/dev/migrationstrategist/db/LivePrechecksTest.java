package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.report.JsonSchemaAssert;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With a live database the plan counts what would stop it (NULLs before SET NOT NULL, values that would not fit a
 * narrowed type, orphans before a foreign key), and apply's gate refuses the step until the rows are fixed.
 */
class LivePrechecksTest {

    @Test
    @Tag("postgres")
    void postgresCountsBlockersAtPlanTimeAndApplyRefusesUntilFixed() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            run(db, "generate_series(1, 1000) g", "g");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbCountsBlockersAtPlanTimeAndApplyRefusesUntilFixed() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            run(db, "seq_1_to_1000", "seq");
        }
    }

    private void run(TestDatabase db, String series, String n) throws Exception {
        boolean pg = db.family().equals("postgresql");
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note varchar(255))",
                "INSERT INTO customers SELECT " + n + " FROM " + series + " WHERE " + n + " <= 900",
                "INSERT INTO orders SELECT " + n + ", " + n + ", CASE WHEN " + n + " % 100 = 0 THEN NULL ELSE "
                        + (pg ? "repeat('x', (" + n + " % 20)::int)" : "REPEAT('x', " + n + " % 20)") + " END FROM "
                        + series);
        Database database = ApplyScenario.database(db);
        Strategist strategist = Strategist.configure().liveDatabase(database).load();

        PlanResult notNull = strategist.plan("ALTER TABLE orders ALTER COLUMN note SET NOT NULL");
        assertThat(precheck(notNull)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("IS NULL", "returns 10:"));
        PlanResult narrow = strategist.plan("change type of orders.note to varchar(10)");
        assertThat(precheck(narrow)).singleElement().satisfies(f -> assertThat(f.message()).contains("returns "
                + (pg ? "450" : "450") + ":"));
        PlanResult fk = strategist.plan("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY"
                + " (customer_id) REFERENCES customers (id)");
        assertThat(precheck(fk)).singleElement().satisfies(f -> assertThat(f.message()).contains("returns 100:"));
        JsonSchemaAssert.assertValid(fk.json());

        // apply stops at the gate, runs nothing of the step, and passes once the rows are fixed
        Path dir = ApplyScenario.tempDir();
        notNull.write(dir);
        PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
        ApplyOptions all = ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true);
        StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                new Applier(database, all, ApplyLog.silent()).apply(plan, "p"));
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
        assertThat(refused.getMessage()).contains("returned 10 (must be 0)", "nothing of this step was run");
        try (var c = db.newConnection()) {
            StepState st = new StateStore(c, Database.dialectOf(c)).step(plan.id(), 1).orElseThrow();
            assertThat(st.status()).isEqualTo(StepState.Status.FAILED);
            assertThat(st.attempts()).as("a failed gate is no attempt: the rerun makes every check before the step"
                    + " again").isZero();
        }
        assertThat(db.column("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + db.scope()
                + "' AND table_name = 'orders' AND column_name = 'note'")).containsExactly("YES");
        db.execute("UPDATE orders SET note = '' WHERE note IS NULL");
        assertThat(new Applier(database, all, ApplyLog.silent()).apply(plan, "p").complete()).isTrue();
        assertThat(db.column("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + db.scope()
                + "' AND table_name = 'orders' AND column_name = 'note'")).containsExactly("NO");
    }

    private static List<Finding> precheck(PlanResult result) {
        return result.plan().findings().stream().filter(f -> f.rule().equals("precheck-rows")).toList();
    }
}
