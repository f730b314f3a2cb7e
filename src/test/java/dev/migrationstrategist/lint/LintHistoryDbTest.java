package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint --db}: the migration tool's own history in the live database says which files are already applied
 * (history) and which are new (linted). Flyway's flyway_schema_history in a scratch PostgreSQL schema, Liquibase's
 * DATABASECHANGELOG in a scratch MariaDB database, each created with the columns the tool creates, and the applied
 * files really run on the database first.
 */
class LintHistoryDbTest {
    /** The table Flyway 9/10 creates on PostgreSQL. */
    static final String FLYWAY_HISTORY = """
            CREATE TABLE flyway_schema_history (
                installed_rank INTEGER NOT NULL PRIMARY KEY,
                version VARCHAR(50),
                description VARCHAR(200) NOT NULL,
                type VARCHAR(20) NOT NULL,
                script VARCHAR(1000) NOT NULL,
                checksum INTEGER,
                installed_by VARCHAR(100) NOT NULL,
                installed_on TIMESTAMP NOT NULL DEFAULT now(),
                execution_time INTEGER NOT NULL,
                success BOOLEAN NOT NULL
            )""";
    /** The table Liquibase 4 creates on MySQL/MariaDB. */
    static final String CHANGELOG = """
            CREATE TABLE DATABASECHANGELOG (
                ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL,
                DATEEXECUTED datetime NOT NULL, ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL,
                MD5SUM VARCHAR(35) NULL, `DESCRIPTION` VARCHAR(255) NULL, COMMENTS VARCHAR(255) NULL,
                TAG VARCHAR(255) NULL, LIQUIBASE VARCHAR(20) NULL, CONTEXTS VARCHAR(255) NULL,
                LABELS VARCHAR(255) NULL, DEPLOYMENT_ID VARCHAR(10) NULL)""";

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    List<String> errors() {
        List<String> found = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            if (line.contains(": error [")) {
                String file = line.substring(0, line.indexOf(':'));
                found.add(Path.of(file).getFileName() + " " + line.substring(line.indexOf('[') + 1, line.indexOf(']')));
            }
        }
        return found;
    }

    @Test
    @Tag("postgres")
    void flywaySchemaHistorySaysWhichFilesAreApplied() throws IOException {
        Path shop = RunSemanticsTest.SHOP;
        try (TestDatabase db = TestDatabases.postgres("lintrun_")) {
            List<String> applied = List.of("V1__init.sql", "V2__add_phone.sql", "V3__orders_fk.sql",
                    "V4__rename_name.sql", "V5__quantity_bigint.sql");
            db.execute(FLYWAY_HISTORY);
            int rank = 1;
            for (String f : applied) {
                db.execute(Files.readString(shop.resolve(f)));
                db.execute(historyRow(rank++, f, true));
            }
            // V6 failed once (and rolled back): Flyway records it with success = false, so it is still new
            db.execute(historyRow(rank++, "V6__coupons.sql", false));
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), shop.toString()))
                    .as(out + "\n" + err).isZero();
            assertThat(out.toString()).startsWith("2 files (5 more read as history), 7 statements: 0 errors,"
                + " 0 warnings, 0 notes");

            // V6 applied for real: coupons is live, so V7's plain CREATE INDEX blocks its writes
            db.execute(Files.readString(shop.resolve("V6__coupons.sql")));
            db.execute("UPDATE flyway_schema_history SET success = true WHERE script = 'V6__coupons.sql'");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), shop.toString())).isEqualTo(1);
            assertThat(errors()).containsExactly("V7__coupon_status_index.sql create-index-blocks-writes");
            assertThat(out.toString()).contains("1 file (6 more read as history)");

            // the database's own size of coupons (analyzed: 3 rows) and a configured one both leave it alone
            db.execute("INSERT INTO coupons (code, amount) VALUES ('a', 1), ('b', 2), ('c', 3)", "ANALYZE coupons");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), shop.toString())).as(out.toString())
                    .isZero();
            Path config = Files.writeString(dir.resolve("c.yaml"), "tables: {coupons: 5000000}\n");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--config", config.toString(),
                    shop.toString())).isEqualTo(1);
            assertThat(errors()).containsExactly("V7__coupon_status_index.sql create-index-blocks-writes");
        }
    }

    @Test
    @Tag("postgres")
    void aFlywayBaselineCoversTheVersionsUpToIt() throws IOException {
        Path shop = RunSemanticsTest.SHOP;
        try (TestDatabase db = TestDatabases.postgres("lintrun_")) {
            for (String f : List.of("V1__init.sql", "V2__add_phone.sql", "V3__orders_fk.sql", "V4__rename_name.sql")) {
                db.execute(Files.readString(shop.resolve(f)));
            }
            db.execute(FLYWAY_HISTORY, "INSERT INTO flyway_schema_history VALUES (1, '4', '<< Flyway Baseline >>',"
                    + " 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', now(), 0, true)");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), shop.toString())).isEqualTo(1);
            // State A from the database: quantity is an integer, so V5 rewrites orders
            assertThat(errors()).containsExactly("V5__quantity_bigint.sql change-column-type-rewrite");
            assertThat(out.toString()).contains("3 files (4 more read as history)");
        }
    }

    @Test
    @Tag("mariadb")
    void liquibaseChangelogSaysWhichFilesAreApplied() throws IOException {
        Path shop = Path.of("src/test/resources/lint/liquibase-shop");
        try (TestDatabase db = TestDatabases.mariadb("lintrun_")) {
            // what Liquibase ran for 001 (its "--changeset" lines are comments to Liquibase, not to MariaDB's parser)
            String init = Files.readString(shop.resolve("001-init.sql")).replaceAll("(?m)^--.*$", "");
            db.execute(List.of(init.split(";")).stream().filter(s -> !s.isBlank()).toList());
            db.execute("SET SESSION lock_wait_timeout = 2", "ALTER TABLE customers RENAME COLUMN name TO full_name");
            db.execute(CHANGELOG);
            int order = 1;
            for (String[] cs : List.of(new String[]{"1", "001-init.sql"}, new String[]{"2", "001-init.sql"},
                    new String[]{"3", "002-rename.sql"})) {
                db.execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                        + " VALUES ('" + cs[0] + "', 'shop', 'db/changelog/" + cs[1] + "', NOW(), " + order++
                        + ", 'EXECUTED')");
            }
            // the scratch tables are empty (MariaDB counts 0 rows: small, left alone); the configuration says how big
            // orders is in production, and its count wins over the live one
            Path config = Files.writeString(dir.resolve("c.yaml"), "tables: {orders: 5000000}\n");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), shop.toString()))
                    .as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("1 file (2 more read as history)");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--config", config.toString(),
                    shop.toString())).as(out + "\n" + err).isEqualTo(1);
            // only 003 is new; the live orders.quantity is an INT, so MODIFY ... BIGINT copies the table
            assertThat(errors()).containsExactly("003-quantity.sql change-column-type-rewrite");
            assertThat(out.toString()).contains("1 file (2 more read as history)");

            // a changeset of 002 not recorded (someone added shop:3b to the file): 002 is new again
            db.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '3'");
            assertThat(run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--config", config.toString(),
                    shop.toString())).isEqualTo(1);
            assertThat(errors()).contains("003-quantity.sql change-column-type-rewrite");
            assertThat(out.toString()).contains("2 files (1 more read as history)");
        }
    }

    private static String historyRow(int rank, String script, boolean success) {
        String version = script.substring(1, script.indexOf("__")).replace('_', '.');
        String description = script.substring(script.indexOf("__") + 2, script.length() - 4).replace('_', ' ');
        return "INSERT INTO flyway_schema_history VALUES (" + rank + ", '" + version + "', '" + description
                + "', 'SQL', '" + script + "', 12345, 'postgres', now(), 5, " + success + ")";
    }
}
