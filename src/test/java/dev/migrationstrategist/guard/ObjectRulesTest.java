package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.api.Strategist;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each constraint/index/table rule fires on the naive statement with the user's names, and not on the safe one. */
class ObjectRulesTest {
    static final String SCHEMA = """
            CREATE TABLE customers (id bigint NOT NULL, email varchar(255), PRIMARY KEY (id));
            CREATE TABLE orders (id bigint NOT NULL, customer_id bigint, total numeric(10,2), PRIMARY KEY (id));
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE TABLE events (legacy_id bigint);
            """;

    private static List<Finding> findings(String dialect, String sql) {
        return Strategist.configure().dialect(dialect).schemaSql(SCHEMA).load().planSql(sql).plan().findings();
    }

    private static Finding only(String dialect, String sql, String rule) {
        List<Finding> f = findings(dialect, sql);
        assertThat(f).extracting(Finding::rule).contains(rule);
        Finding finding = f.stream().filter(x -> x.rule().equals(rule)).findFirst().orElseThrow();
        assertThat(finding.location()).isEqualTo("sql:1:1");
        return finding;
    }

    @Test
    void idsAreKebabCaseOfTheClassNames() {
        assertThat(Rules.all()).extracting(Rule::id).contains("add-check-scans-table", "add-foreign-key-blocks-writes",
                "add-unique-locks-table", "add-primary-key-locks-table", "create-index-blocks-writes",
                "drop-index-locks-table", "drop-table-in-use", "rename-table-in-use");
    }

    @Test
    void naiveStatementsGetTheirFindingWithLockAndSafeAlternative() {
        Finding check = only("postgresql:15", "ALTER TABLE orders ADD CONSTRAINT pos CHECK (total >= 0);",
                "add-check-scans-table");
        assertThat(check.severity()).isEqualTo(Severity.ERROR);
        assertThat(check.message()).contains("ACCESS EXCLUSIVE", "orders");
        assertThat(check.safeAlternative()).contains("NOT VALID", "VALIDATE CONSTRAINT pos");
        assertThat(only("postgresql:15", "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES"
                + " customers (id);", "add-foreign-key-blocks-writes").message())
                .contains("SHARE ROW EXCLUSIVE on orders AND on customers");
        assertThat(only("mariadb:10.11", "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);",
                "add-foreign-key-blocks-writes").safeAlternative()).contains("foreign_key_checks = 0");
        assertThat(only("postgresql:15", "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);",
                "add-unique-locks-table").safeAlternative()).contains(
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)",
                "UNIQUE USING INDEX customers_email_key");
        assertThat(only("postgresql:15", "ALTER TABLE events ADD PRIMARY KEY (legacy_id);",
                "add-primary-key-locks-table").safeAlternative()).contains("PRIMARY KEY USING INDEX events_pkey");
        assertThat(only("postgresql:15", "CREATE INDEX ix ON orders (total);", "create-index-blocks-writes")
                .safeAlternative()).contains("CREATE INDEX CONCURRENTLY ix ON orders (total)");
        assertThat(only("postgresql:15", "DROP INDEX orders_customer_id_idx;", "drop-index-locks-table")
                .safeAlternative()).contains("DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx");
        assertThat(only("mysql:8.0", "DROP TABLE events;", "drop-table-in-use").safeAlternative())
                .contains("RENAME TO events_to_drop");
        assertThat(only("mariadb:10.11", "ALTER TABLE orders RENAME TO purchases;", "rename-table-in-use")
                .safeAlternative()).contains("RENAME TABLE purchases TO <aside>, orders TO purchases");
    }

    @Test
    void safeFormsAndSmallTablesGetNoFinding() {
        assertThat(findings("postgresql:15", "CREATE INDEX CONCURRENTLY ix ON orders (total);")).isEmpty();
        assertThat(findings("postgresql:15", "DROP INDEX CONCURRENTLY orders_customer_id_idx;")).isEmpty();
        assertThat(findings("mariadb:10.11", "ALTER TABLE customers ADD UNIQUE INDEX ux (email);")).isEmpty();
        assertThat(Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).rows("orders", 10).load()
                .planSql("CREATE INDEX ix ON orders (total);").plan().findings()).isEmpty();
    }
}
