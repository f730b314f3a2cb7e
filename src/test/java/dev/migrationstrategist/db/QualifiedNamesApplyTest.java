package dev.migrationstrategist.db;

import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema-qualified and case-exact names on real servers: a rename column on {@code <other>."Orders"} planned from the
 * live catalog, applied, rolled back and applied again, while a table {@code orders} of the current schema (which is
 * not {@code public}: the URL's currentSchema) has the same column and must stay untouched; on MariaDB two tables
 * {@code Orders} and {@code orders} of one database (lower_case_table_names = 0, Linux's default).
 */
class QualifiedNamesApplyTest {

    @Test
    @Tag("postgres")
    void renameColumnOnAQualifiedMixedCaseTableLeavesTheSameNameInTheCurrentSchemaAlone() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("nm_")) {
            String other = db.scope() + "_sales";
            db.execute("CREATE SCHEMA " + other);
            try {
                db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_name text, note text)",
                        "INSERT INTO orders SELECT g, 'p' || g, 'n' FROM generate_series(1, 300) g",
                        "CREATE TABLE " + other + ".\"Orders\" (id bigint PRIMARY KEY, customer_name text,"
                                + " total numeric)",
                        "INSERT INTO " + other + ".\"Orders\" SELECT g, 's' || g, g FROM generate_series(1, 2000) g");
                String before = fingerprint(db, "orders");
                Path plan = ProofRun.planFromDb(db, "--sql", "ALTER TABLE " + other
                        + ".\"Orders\" RENAME COLUMN customer_name TO client_name");
                assertThat(ProofRun.json(plan).at("/changes/0/table/schema").asText()).isEqualTo(other);

                Cli expand = ProofRun.apply(db, plan, "--through", "backfill");
                assertThat(expand.exitCode()).as(expand.toString()).isZero();
                assertThat(expand.out()).contains("State A checked");
                assertThat(columns(db, other, "Orders")).containsExactly("id", "customer_name", "total",
                        "client_name");
                assertThat(db.count("SELECT count(*) FROM " + other + ".\"Orders\" WHERE client_name IS DISTINCT FROM"
                        + " customer_name")).isZero();
                assertThat(db.columns("orders")).containsExactly("id", "customer_name", "note");

                Cli back = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                        "--app-rolled-back");
                assertThat(back.exitCode()).as(back.toString()).isZero();
                assertThat(columns(db, other, "Orders")).containsExactly("id", "customer_name", "total");
                assertThat(ProofRun.triggers(db)).isZero();

                Path again = ProofRun.planFromDb(db, "--sql", "ALTER TABLE " + other
                        + ".\"Orders\" RENAME COLUMN customer_name TO client_name");
                Cli all = ProofRun.apply(db, again, "--through", "contract", "--confirm-contract");
                assertThat(all.exitCode()).as(all.toString()).isZero();
                assertThat(columns(db, other, "Orders")).containsExactly("id", "total", "client_name");
                assertThat(db.count("SELECT count(*) FROM " + other + ".\"Orders\" WHERE client_name = 's' || id"))
                        .isEqualTo(2000);
                assertThat(db.columns("orders")).containsExactly("id", "customer_name", "note");
                assertThat(fingerprint(db, "orders")).as("public-like orders untouched").isEqualTo(before);
            } finally {
                db.execute("DROP SCHEMA " + other + " CASCADE");
            }
        }
    }

    @Test
    @Tag("mariadb")
    void twoTablesThatDifferOnlyInCaseAreBothPlannedAndAppliedExactly() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("nm_")) {
            assertThat(db.column("SELECT @@lower_case_table_names")).containsExactly("0");
            db.execute("CREATE TABLE `Orders` (id BIGINT PRIMARY KEY, customer_name VARCHAR(50), total INT)",
                    "CREATE TABLE `orders` (id BIGINT PRIMARY KEY, customer_name VARCHAR(50), note VARCHAR(10))",
                    "INSERT INTO `Orders` VALUES (1, 'a', 1), (2, 'b', 2)",
                    "INSERT INTO `orders` VALUES (1, 'x', 'n')");
            Path plan = ProofRun.planFromDb(db, "--sql", "ALTER TABLE `Orders` RENAME COLUMN customer_name TO"
                    + " client_name");
            Cli all = ProofRun.apply(db, plan, "--through", "contract", "--confirm-contract");
            assertThat(all.exitCode()).as(all.toString()).isZero();
            assertThat(db.columns("Orders")).containsExactly("id", "total", "client_name");
            assertThat(db.columns("orders")).containsExactly("id", "customer_name", "note");
            assertThat(db.rows("SELECT client_name FROM `Orders` ORDER BY id")).containsExactly(List.of("a"),
                    List.of("b"));
        }
    }

    private static List<String> columns(TestDatabase db, String schema, String table) {
        return db.column("SELECT attname FROM pg_attribute WHERE attrelid = '" + schema + ".\"" + table
                + "\"'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }

    private static String fingerprint(TestDatabase db, String table) {
        return db.column("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + table + " t").get(0);
    }
}
