package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changes that contradict State A stop with one line (exit 2); version and size pick the path. */
class ObjectValidationTest {
    static final String SCHEMA = ObjectPlanScenarios.STATE_A
            + "CREATE TABLE payments (id bigint NOT NULL, order_id bigint, PRIMARY KEY (id),"
            + " CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id));"
            + "CREATE INDEX payments_order_id_idx ON payments (order_id);";

    private static Plan plan(String dialect, String sql) {
        return Strategist.configure().dialect(dialect).schemaSql(SCHEMA).load().planSql(sql).plan();
    }

    private static void invalid(String dialect, String sql, String message) {
        assertThatThrownBy(() -> plan(dialect, sql)).isInstanceOf(StrategistException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((StrategistException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void changesThatContradictStateAAreRefusedWithOneLine() {
        invalid("postgresql:15", "ALTER TABLE orders ADD FOREIGN KEY (status) REFERENCES customers (email);",
                "customers (email) is not a primary key or unique");
        invalid("postgresql:15", "ALTER TABLE orders ADD PRIMARY KEY (status);", "it already has a primary key");
        invalid("postgresql:15", "DROP TABLE orders;", "foreign key payments_order_id_fkey on payments references it");
        invalid("postgresql:15", "DROP INDEX nope;", "drop index nope: unknown index");
        invalid("postgresql:15", "ALTER TABLE orders RENAME TO customers;", "a table of that name exists");
        invalid("postgresql:15", "CREATE TABLE orders (id bigint);", "already has a table of that name");
        invalid("postgresql:15", "CREATE INDEX orders_customer_id_idx ON customers (email);",
                "already has a constraint or index named orders_customer_id_idx");
        invalid("postgresql:15", "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0);"
                + "ALTER TABLE orders ADD CONSTRAINT c CHECK (total < 9);", "sql:1:55: add check c");
        invalid("mariadb:10.11", "CREATE INDEX g ON orders USING gin (status);", "gin is PostgreSQL's");
        invalid("mariadb:10.11", "ALTER TABLE payments DROP INDEX payments_order_id_idx;", "needs it");
    }

    @Test
    void checkOnMySqlBefore8016IsPlannedWithAWarningThatItIsIgnored() {
        assertThat(plan("mysql:8.0.15", "ALTER TABLE orders ADD CHECK (total >= 0);").findings())
                .anyMatch(f -> f.rule().equals("add-check-not-enforced") && f.message().contains("8.0.16"));
        assertThat(plan("mysql:8.0.16", "ALTER TABLE orders ADD CHECK (total >= 0);").findings())
                .noneMatch(f -> f.rule().equals("add-check-not-enforced"));
        // a server that ignores CHECK proves nothing, so it is not told that the check copies the table; a version
        // line where some servers enforce it ("8.0", "10.2") gets both findings
        for (String ignores : List.of("mysql:5.7", "mariadb:10.1")) {
            assertThat(plan(ignores, "ALTER TABLE orders ADD CHECK (total >= 0);").findings())
                    .anyMatch(f -> f.rule().equals("add-check-not-enforced"))
                    .noneMatch(f -> f.rule().equals("add-check-scans-table"));
        }
        for (String mayEnforce : List.of("mysql:8.0", "mysql:8.0.15", "mariadb:10.2")) {
            assertThat(plan(mayEnforce, "ALTER TABLE orders ADD CHECK (total >= 0);").findings())
                    .anyMatch(f -> f.rule().equals("add-check-not-enforced"))
                    .anyMatch(f -> f.rule().equals("add-check-scans-table"));
        }
        assertThat(plan("mariadb:10.2.1", "ALTER TABLE orders ADD CHECK (total >= 0);").findings())
                .noneMatch(f -> f.rule().equals("add-check-not-enforced"))
                .anyMatch(f -> f.rule().equals("add-check-scans-table"));
    }

    @Test
    void mariadbForeignKeyIsInstantOnlyWhereMeasuredAndWhenAnIndexCoversIt() {
        String fk = "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);";
        assertThat(((SchemaStep) plan("mariadb:10.11", fk).steps().get(0)).sql())
                .anyMatch(s -> s.endsWith("ALGORITHM=INSTANT, LOCK=NONE;"));
        assertThat(((SchemaStep) plan("mariadb:10.6", fk).steps().get(0)).sql())
                .anyMatch(s -> s.endsWith("ALGORITHM=INPLACE, LOCK=NONE;"));
        // (a column InnoDB accepts on the child side: a bigint like customers.id, with no index of its own)
        Plan noIndex = plan("mariadb:10.11", "ALTER TABLE events ADD CONSTRAINT fk2 FOREIGN KEY (legacy_id) REFERENCES"
                + " customers (id);");
        assertThat(((SchemaStep) noIndex.steps().get(0)).sql()).anyMatch(s -> s.endsWith("ALGORITHM=INPLACE, LOCK=NONE;"));
    }

    @Test
    void smallTableGetsTheDirectStatementAndSaysWhy() {
        Plan plan = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).rows("orders", 5000).load()
                .planSql("ALTER TABLE orders ADD CONSTRAINT pos CHECK (total >= 0);").plan();
        assertThat(plan.steps()).hasSize(1);
        SchemaStep step = (SchemaStep) plan.steps().get(0);
        assertThat(step.sql()).containsExactly("SET lock_timeout = '2s';",
                "ALTER TABLE orders ADD CONSTRAINT pos CHECK (total >= 0);");
        assertThat(step.bullets()).anyMatch(b -> b.contains("has 5,000 rows, below --large-table-rows 1,000,000"));
        assertThat(plan.findings()).isEmpty();
    }
}
