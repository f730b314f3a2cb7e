package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.migrationstrategist.strategy.ObjectPlanSteps.catalog;
import static dev.migrationstrategist.strategy.ObjectPlanSteps.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("postgres")
class ObjectPlansPostgresTest extends ObjectPlanScenarios {

    @Override
    TestDatabase database() {
        return TestDatabases.postgres();
    }

    @Override
    String dropIndexSql() {
        return "DROP INDEX orders_customer_id_idx;";
    }

    @Override
    Phase renameRollbackThrough() {
        return Phase.CONTRACT;
    }

    @Test
    void duplicateWrittenDuringTheUniqueBuildLeavesAnInvalidIndexThatTheRollbackClearsForARetry() {
        try (TestDatabase db = database()) {
            seed(db);
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, ADD_UNIQUE, Map.of());
            List<SchemaStep> steps = ObjectPlanSteps.schemaSteps(plan);
            SchemaStep build = steps.get(0);
            assertThat(build.transactional()).isFalse();
            assertThat(build.sql()).containsExactly(
                    "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email);");
            // A duplicate arrives after the verify query passed: the concurrent build fails.
            assertThat(db.count(build.verifySql())).isZero();
            db.execute("INSERT INTO customers (id, email, name) VALUES (999, 'c7@example.com', 'dup')");
            assertThatThrownBy(() -> ObjectPlanSteps.runSql(db, build.sql(), false))
                    .hasMessageContaining("could not create unique index");
            assertThat(catalog(db)).contains("unique customers customers_email_key (email) INVALID");
            assertThat(build.actions()).anyMatch(a -> a.contains("DROP INDEX CONCURRENTLY IF EXISTS customers_email_key"));
            // The step's rollback clears the leftover; the verify gate now sees the duplicate.
            ObjectPlanSteps.rollback(db, build);
            assertThat(catalog(db)).noneMatch(l -> l.contains("customers_email_key"));
            assertThatThrownBy(() -> ObjectPlanSteps.run(db, build))
                    .isInstanceOf(ObjectPlanSteps.VerificationFailed.class);
            db.execute("DELETE FROM customers WHERE id = 999");
            ObjectPlanSteps.run(db, build);
            ObjectPlanSteps.run(db, steps.get(1));
            assertThat(catalog(db)).isEqualTo(model(plan.after()));
            assertThatThrownBy(() -> db.execute("INSERT INTO customers (id, email, name) VALUES (998,"
                    + " 'c7@example.com', 'dup')")).hasMessageContaining("customers_email_key");
        }
    }

    @Test
    void notValidCheckRejectsNewBadRowsAndTheVerifyGateCatchesOldOnes() {
        try (TestDatabase db = database()) {
            seed(db);
            db.execute("UPDATE orders SET total = -1 WHERE id = 5");
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, ADD_CHECK, Map.of());
            List<SchemaStep> steps = ObjectPlanSteps.schemaSteps(plan);
            ObjectPlanSteps.run(db, steps.get(0));
            assertThat(catalog(db)).contains("check orders orders_total_nonnegative NOT VALID");
            assertThatThrownBy(() -> db.execute("INSERT INTO orders (id, total) VALUES (5000, -3)"))
                    .hasMessageContaining("orders_total_nonnegative");
            assertThatThrownBy(() -> ObjectPlanSteps.run(db, steps.get(1)))
                    .isInstanceOf(ObjectPlanSteps.VerificationFailed.class);
            db.execute("UPDATE orders SET total = 0 WHERE id = 5");
            ObjectPlanSteps.run(db, steps.get(1));
            assertThat(catalog(db)).isEqualTo(model(plan.after()));
        }
    }

    @Test
    void notValidForeignKeyRejectsNewOrphansAndTheVerifyGateCountsOldOnes() {
        try (TestDatabase db = database()) {
            seed(db);
            db.execute("UPDATE orders SET customer_id = 777 WHERE id = 3");
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, ADD_FK, Map.of());
            List<SchemaStep> steps = ObjectPlanSteps.schemaSteps(plan);
            ObjectPlanSteps.run(db, steps.get(0));
            assertThat(catalog(db)).contains("fk orders orders_customer_id_fkey (customer_id) -> customers (id)"
                    + " NOT VALID");
            assertThatThrownBy(() -> db.execute("INSERT INTO orders (id, customer_id, total) VALUES (5000, 888, 1)"))
                    .hasMessageContaining("orders_customer_id_fkey");
            assertThat(db.count(steps.get(1).verifySql())).isEqualTo(1);
            db.execute("UPDATE orders SET customer_id = NULL WHERE id = 3");
            ObjectPlanSteps.run(db, steps.get(1));
            assertThat(catalog(db)).isEqualTo(model(plan.after()));
        }
    }
}
