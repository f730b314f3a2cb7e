package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code plan --db}, the pt-online-schema-change and gh-ost commands of a plan point at the real host, port,
 * database and table (never the user or password), the plan file records that target in its options, and apply
 * accepts the plan as unedited (planning its changes again from the file gives the same commands).
 */
class OnlineToolTargetTest {
    @TempDir
    Path dir;

    @Test
    @Tag("mariadb")
    void mariadbPlanFromTheDatabaseNamesItInTheToolCommands() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE scores (id BIGINT PRIMARY KEY, score INT NOT NULL, total INT NOT NULL)");
            String url = db.jdbcUrl();
            Cli plan = Cli.run("plan", "--db", url, "--user", db.user(), "--rows", "scores=50000000",
                    "--sql", "ALTER TABLE scores MODIFY score BIGINT NOT NULL",
                    "--out", dir.toString(), "--print", "none");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            String md = Files.readString(dir.resolve("migration-strategist-report.md"));
            String json = Files.readString(dir.resolve("migration-strategist-output.json"));
            String host = url.replaceFirst("^jdbc:mariadb://", "").replaceFirst("[:/].*$", "");
            String dsn = "h=" + host + ",P=3306,D=" + db.scope() + ",t=scores";
            assertThat(md).contains("pt-online-schema-change --alter 'MODIFY", dsn,
                    "gh-ost --host=" + host + " --port=3306 --database=" + db.scope() + " --table=scores")
                    .doesNotContain("<database>");
            assertThat(json).contains("\"target\"", "\"database\" : \"" + db.scope() + "\"")
                    .doesNotContain("<database>");
            Cli apply = Cli.run("apply", "--db", url, "--user", db.user(), "--plan",
                    dir.resolve("migration-strategist-output.json").toString(), "--dry-run");
            assertThat(apply.exitCode()).as("the plan proves itself: " + apply).isZero();
            // a check on a large MySQL/MariaDB table goes through the tool: its command names the target too
            Cli check = Cli.run("plan", "--db", url, "--user", db.user(), "--rows", "scores=50000000",
                    "--sql", "ALTER TABLE scores ADD CONSTRAINT total_positive CHECK (total >= 0)",
                    "--out", dir.resolve("check").toString(), "--print", "md");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.out()).contains("pt-online-schema-change --alter \"ADD CONSTRAINT", dsn,
                    "--host=" + host + " --port=3306 --database=" + db.scope() + " --table=scores")
                    .doesNotContain("<database>");
        }
    }

    @Test
    @Tag("mariadb")
    void aLargeKeyChangeNamesTheDatabaseInTheToolCommandItOffersBesideItsOwnCopy() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE payment (payment_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " amount INT NOT NULL)");
            String url = db.jdbcUrl();
            Cli plan = Cli.run("plan", "--db", url, "--user", db.user(), "--rows", "payment=50000000",
                    "--sql", "ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT",
                    "--out", dir.toString(), "--print", "md");
            String host = url.replaceFirst("^jdbc:mariadb://", "").replaceFirst("[:/].*$", "");
            // the key is copied through a shadow table by the plan itself; pt-online-schema-change is the alternative
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("`_payment_new`", "RENAME TABLE",
                    "h=" + host + ",P=3306,D=" + db.scope() + ",t=payment", "AUTO_INCREMENT")
                    .doesNotContain("<database>");
        }
    }

    @Test
    void withoutADatabaseTheCommandsKeepTheirPlaceholders() throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE scores (id BIGINT PRIMARY KEY, score INT NOT NULL);");
        Cli plan = Cli.run("plan", "--dialect", "mariadb:10.11", "--schema", schema.toString(),
                "--sql", "ALTER TABLE scores MODIFY score BIGINT NOT NULL", "--out", dir.toString(), "--print", "md");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("D=<database>,t=scores", "gh-ost --database=<database> --table=scores");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("migration-strategist-output.json").toFile()).path("options").has("target"))
                .isFalse();
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheTarget() {
        dev.migrationstrategist.db.Database d = new dev.migrationstrategist.db.Database(
                "jdbc:mariadb://app:s3cret@db.example.com:3307,replica:3306/shop?password=s3cret", null, null);
        assertThat(d.target("shop", 3306)).isEqualTo(
                new dev.migrationstrategist.plan.LiveTarget("db.example.com", 3307, "shop"));
        assertThat(new dev.migrationstrategist.db.Database("jdbc:postgresql://[::1]/app", null, null)
                .target("public", 5432)).isEqualTo(new dev.migrationstrategist.plan.LiveTarget("[::1]", 5432, "public"));
    }
}
