package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several constraint and index changes in one request merge into one numbered timeline. */
class ObjectPlanMergeTest {
    static final String SCHEMA = ObjectPlanScenarios.STATE_A;

    @Test
    void indexForeignKeyAndCheckMergeIntoOneTimelineNumberedInPhaseOrder() {
        Plan plan = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load().planSql("""
                CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
                ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
                  REFERENCES customers (id);
                ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0);
                """).plan();
        List<Step> steps = plan.steps();
        assertThat(steps).extracting(Step::number).containsExactlyElementsOf(IntStream.rangeClosed(1, 5).boxed()
                .toList());
        assertThat(steps).extracting(Step::phase).containsExactly(Phase.EXPAND, Phase.EXPAND, Phase.EXPAND,
                Phase.CONSTRAIN, Phase.CONSTRAIN);
        assertThat(steps).extracting(Step::action).containsExactly("create_index", "add_foreign_key", "add_check",
                "validate_constraint", "validate_constraint");
        assertThat(steps).extracting(Step::title).containsExactly("Database Expand (Migration 1)",
                "Database Expand (Migration 2)", "Database Expand (Migration 3)", "Database Constraints (Migration 4)",
                "Database Constraints (Migration 5)");
        SchemaStep index = (SchemaStep) steps.get(0);
        assertThat(index.transactional()).isFalse();
        assertThat(index.sql()).containsExactly("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);");
        assertThat(((SchemaStep) steps.get(1)).sql()).first().isEqualTo("SET lock_timeout = '2s';");
        assertThat(((SchemaStep) steps.get(2)).sql()).first().isEqualTo("SET lock_timeout = '2s';");
        assertThat(((SchemaStep) steps.get(3)).sql())
                .containsExactly("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;");
        assertThat(plan.steps()).noneMatch(s -> s.phase().isAppRelease());
        assertThat(plan.findings()).extracting(Finding::rule)
                .containsExactly("add-foreign-key-blocks-writes", "add-check-scans-table");
        assertThat(plan.after().table(dev.migrationstrategist.schema.Ident.of("orders")).orElseThrow().constraints())
                .hasSize(3);
    }

    @Test
    void safeChangesStayOneStepEachWithoutAppReleases() {
        Plan plan = Strategist.configure().dialect("mariadb:10.11").schemaSql(SCHEMA).load().planSql("""
                ALTER TABLE orders ADD INDEX orders_status_idx (status);
                CREATE TABLE refunds (id bigint NOT NULL, PRIMARY KEY (id));
                """).plan();
        assertThat(plan.steps()).hasSize(2).allMatch(s -> s.phase() == Phase.EXPAND);
        assertThat(((SchemaStep) plan.steps().get(0)).sql()).containsExactly("SET SESSION lock_wait_timeout = 2;",
                "ALTER TABLE orders ADD INDEX orders_status_idx (status), ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(plan.findings()).isEmpty();
    }
}
