package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One truth per statement: the rollback of an in-place type change is described from the same dialect fact
 * ({@code TypeChanges.inPlace} of the reverse change) as the change itself. Measured on PostgreSQL 15 (relfilenode
 * before and after): varchar(255) to text and text to unbounded varchar keep the table file; text back to
 * varchar(255) writes a new one.
 */
class TypeChangeRollbackTextTest {
    private static final String SCHEMA = "CREATE TABLE t (id bigint PRIMARY KEY, a varchar, b varchar(255), c text);";

    @Test
    void theWayBackFromUnboundedVarcharToTextIsCatalogOnlyToo() {
        SchemaStep step = only("change type of t.a to text");
        assertThat(step.rollback().note()).contains("catalog only", "no rewrite").doesNotContain("rewrites");
        assertThat(step.rollback().statements().get(0).sql()).isEqualTo("ALTER TABLE t ALTER COLUMN a TYPE varchar;");
        assertThat(only("change type of t.c to varchar").rollback().note()).contains("catalog only")
                .doesNotContain("rewrites");
    }

    @Test
    void theWayBackToABoundedVarcharRewrites() {
        assertThat(only("change type of t.b to text").rollback().note()).contains("narrows", "rewrites the table");
    }

    private static SchemaStep only(String change) {
        var plan = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load().plan(change).plan();
        Step step = plan.steps().stream().filter(s -> s instanceof SchemaStep ss
                && ss.action().equals("change_column_type")).findFirst().orElseThrow();
        return (SchemaStep) step;
    }
}
