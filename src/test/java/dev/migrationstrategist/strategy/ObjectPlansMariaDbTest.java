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

@Tag("mariadb")
class ObjectPlansMariaDbTest extends ObjectPlanScenarios {

    @Override
    TestDatabase database() {
        return TestDatabases.mariadb();
    }

    @Override
    String dropIndexSql() {
        return "ALTER TABLE orders DROP INDEX orders_customer_id_idx;";
    }

    /** Adding a CHECK is a table copy here; on a large table the plan hands it to an online schema-change tool. */
    @Override
    Map<String, Long> checkRows() {
        return Map.of("orders", 200L);
    }

    /** Past the expand, MariaDB's contract swaps names: its rollback gives the old name back as a view instead. */
    @Override
    Phase renameRollbackThrough() {
        return Phase.EXPAND;
    }

    @Test
    void foreignKeyAddedWithChecksOffDoesNotSeeOldOrphansSoTheVerifyGateMust() {
        try (TestDatabase db = database()) {
            seed(db);
            db.execute("UPDATE orders SET customer_id = 777 WHERE id = 3");
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, ADD_FK, Map.of());
            SchemaStep step = ObjectPlanSteps.schemaSteps(plan).get(0);
            assertThat(step.sql()).contains("SET SESSION foreign_key_checks = 0;").anyMatch(s ->
                    s.endsWith("ALGORITHM=INSTANT, LOCK=NONE;"));
            assertThatThrownBy(() -> ObjectPlanSteps.run(db, step)).isInstanceOf(ObjectPlanSteps.VerificationFailed.class);
            // Without the gate the server takes the foreign key and keeps the orphan: that is why the gate exists.
            ObjectPlanSteps.runSql(db, step.sql(), false);
            assertThat(db.count(step.verifySql())).isEqualTo(1);
            assertThatThrownBy(() -> db.execute("INSERT INTO orders (id, customer_id, total) VALUES (5000, 888, 1)"))
                    .hasMessageContaining("foreign key constraint fails");
        }
    }

    @Test
    void duplicateMakesTheUniqueIndexFailAndLeavesNothingBehind() {
        try (TestDatabase db = database()) {
            seed(db);
            db.execute("UPDATE customers SET email = 'c1@example.com' WHERE id = 2");
            Plan plan = ObjectPlanSteps.plan(db, STATE_A, ADD_UNIQUE, Map.of());
            List<SchemaStep> steps = ObjectPlanSteps.schemaSteps(plan);
            assertThat(steps).hasSize(1);
            assertThat(db.count(steps.get(0).verifySql())).isEqualTo(1);
            assertThatThrownBy(() -> ObjectPlanSteps.runSql(db, steps.get(0).sql(), false))
                    .hasMessageContaining("Duplicate entry");
            assertThat(catalog(db)).isEqualTo(model(plan.before()));
        }
    }
}
