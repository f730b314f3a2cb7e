package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A MariaDB ENUM column: appending a value is metadata only; anything else takes the type-change path. */
@Tag("mariadb")
class EnumColumnMariaDbTest {
    static final String STATE_A = "CREATE TABLE orders (id bigint PRIMARY KEY, status enum('new','paid') NOT NULL"
            + " DEFAULT 'new');";

    @Test
    void addEnumValueAtTheEndOfAnEnumColumnIsInstantAndKeepsTheRows() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(STATE_A);
            db.execute("INSERT INTO orders VALUES (1, 'new'), (2, 'paid')");
            Plan plan = PlanSteps.plan("mariadb:10.11", STATE_A, "add value 'archived' to enum orders.status", Map.of());
            assertThat(plan.changes().get(0).kind()).isEqualTo("change_column_type");
            assertThat(plan.steps()).hasSize(1);
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThat(String.join("\n", step.sql())).contains("enum('new','paid','archived')")
                    .contains("ALGORITHM=INSTANT");
            PlanSteps.run(db, step); // the server refuses ALGORITHM=INSTANT if it would copy
            db.execute("INSERT INTO orders VALUES (3, 'archived')");
            assertThat(db.column("SELECT status FROM orders ORDER BY id")).containsExactly("new", "paid", "archived");
            new PlanExecution(db).assertCatalogIs(plan.after(), "after the append");
        }
    }

    @Test
    void addEnumValueInTheMiddleOfASmallTablesEnumColumnCopiesTheTableAndKeepsEveryLabel() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(STATE_A);
            db.execute("INSERT INTO orders VALUES (1, 'new'), (2, 'paid')");
            Plan plan = PlanSteps.plan("mariadb:10.11", STATE_A, "add value 'draft' to enum orders.status before"
                    + " 'paid'", Map.of("orders", 2L));
            assertThat(plan.steps()).hasSize(1);
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThat(String.join("\n", step.sql())).contains("enum('new','draft','paid')")
                    .contains("ALGORITHM=COPY");
            assertThat(step.verifySql()).as("every old label is in the new list: nothing to count").isNull();
            PlanSteps.run(db, step);
            db.execute("INSERT INTO orders VALUES (3, 'draft')");
            assertThat(db.column("SELECT status FROM orders ORDER BY id")).containsExactly("new", "paid", "draft");
            new PlanExecution(db).assertCatalogIs(plan.after(), "after the insert");
            assertThatThrownBy(() -> PlanSteps.execute(db, PlanSteps.unguarded(step.rollback().statements()), false))
                    .as("the rollback refuses to drop a label a row holds").hasMessageContaining("truncated");
            db.execute("DELETE FROM orders WHERE id = 3");
            PlanSteps.execute(db, PlanSteps.unguarded(step.rollback().statements()), false);
            new PlanExecution(db).assertCatalogIs(plan.before(), "after the rollback");
            assertThat(db.column("SELECT status FROM orders ORDER BY id")).containsExactly("new", "paid");
        }
    }

    @Test
    void insertingInTheMiddleIsNotInPlace() {
        Plan plan = PlanSteps.plan("mariadb:10.11", STATE_A, "add value 'draft' to enum orders.status before 'new'",
                Map.of());
        String sql = String.join("\n", ((SchemaStep) plan.steps().get(0)).sql());
        assertThat(sql).contains("ADD COLUMN status_new enum('draft','new','paid')").doesNotContain("MODIFY");
        assertThat(plan.steps().size()).isGreaterThan(1); // large by default: new column, sync, backfill, swap
    }
}
