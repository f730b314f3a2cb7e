package dev.migrationstrategist.db;

import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real MariaDB: a renamed column keeps its CHECK constraint (rebuilt on the new column after the backfill,
 * under the name with the column's name replaced) and its indexes keep their names; a CREATE INDEX with a prefix
 * length and a descending key is planned and applied as written.
 */
@Tag("mariadb")
class RenameKeepsChecksAndIndexFormsMariaDbTest {

    @Test
    void renameRebuildsTheCheckAndTheIndexUnderItsName() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("rkc_")) {
            db.execute("CREATE TABLE accounts (id INT PRIMARY KEY AUTO_INCREMENT, qty INT NOT NULL,"
                            + " note VARCHAR(40), CONSTRAINT accounts_qty_positive CHECK (qty > 0),"
                            + " KEY accounts_lookup (qty, note))",
                    "INSERT INTO accounts (qty, note) SELECT seq, CONCAT('n', seq) FROM seq_1_to_500");
            Path plan = ProofRun.planFromDb(db, "--dialect", "mariadb:10.11", "--sql",
                    "ALTER TABLE accounts RENAME COLUMN qty TO quantity");
            assertThat(Files.readString(plan)).contains("accounts_quantity_positive");
            Cli apply = ProofRun.apply(db, plan, "--through", "contract", "--confirm-contract");
            assertThat(apply.exitCode()).as(apply.toString()).isZero();

            String ddl = db.rows("SHOW CREATE TABLE accounts").get(0).get(1);
            assertThat(ddl).as(ddl).contains("CONSTRAINT `accounts_quantity_positive` CHECK (`quantity` > 0)")
                    .contains("KEY `accounts_lookup` (`quantity`,`note`)")
                    .doesNotContain("`qty`");
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> db.execute("INSERT INTO accounts (quantity, note) VALUES (0, 'zero')"));
            assertThat(refused).as("the rebuilt check refuses a row the old one refused").isNotNull()
                    .hasMessageContaining("accounts_quantity_positive");
            assertThat(db.count("SELECT count(*) FROM accounts WHERE quantity BETWEEN 1 AND 500")).isEqualTo(500);
        }
    }

    @Test
    void createIndexWithAPrefixAndADescendingKey() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("rkc_")) {
            db.execute("CREATE TABLE posts (id INT PRIMARY KEY AUTO_INCREMENT, title VARCHAR(200) NOT NULL,"
                            + " created_at DATETIME NOT NULL)",
                    "INSERT INTO posts (title, created_at) SELECT CONCAT('post ', seq), '2024-01-01' + INTERVAL"
                            + " seq MINUTE FROM seq_1_to_300");
            Path plan = ProofRun.planFromDb(db, "--dialect", "mariadb:10.11", "--sql",
                    "CREATE INDEX posts_title_recent ON posts (title(20), created_at DESC)");
            assertThat(Files.readString(plan)).contains("ADD INDEX posts_title_recent (title(20), created_at DESC)")
                    .contains("ALGORITHM=INPLACE").contains("LOCK=NONE");
            Cli apply = ProofRun.apply(db, plan);
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(db.rows("SELECT column_name, sub_part, collation FROM information_schema.statistics"
                    + " WHERE table_schema = DATABASE() AND index_name = 'posts_title_recent' ORDER BY seq_in_index"))
                    .containsExactly(java.util.Arrays.asList("title", "20", "A"),
                            java.util.Arrays.asList("created_at", null, "D"));
            Cli back = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                    "--app-rolled-back");
            assertThat(back.exitCode()).as(back.toString()).isZero();
            assertThat(db.count("SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                    + " AND index_name = 'posts_title_recent'")).isZero();
        }
    }
}
