package dev.migrationstrategist.db;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link Database} keeps every password of a connection out of what it shows: its masked URL, its scrub of any
 * message, and the error of a real failed connection; and {@code apply} keeps it out of its log lines and the
 * {@code strategist_steps.message} column, even where the server echoes it without any key.
 */
class DatabaseSecretsTest {
    @TempDir
    Path dir;

    /** A URL (or URL + separate password), the passwords and pieces that must not show, and a real failure. */
    static Stream<Arguments> forms() {
        return Stream.of(
                arguments("jdbc:postgresql://127.0.0.1:5432/sec_nodb?user=postgres&password=PgSemi;colon:Qq1", null,
                        List.of("PgSemi;colon:Qq1", "colon:Qq1")),
                arguments("jdbc:postgresql://127.0.0.1:5432/sec_nodb?password=Pg%40At%3AC%2FS&user=postgres", null,
                        List.of("Pg%40At%3AC%2FS", "Pg@At:C/S")),
                arguments("jdbc:postgresql://postgres:PgUser@Info:xx/yy@127.0.0.1:5432/test", null,
                        List.of("PgUser@Info:xx/yy", "Info:xx")),
                arguments("jdbc:postgresql://127.0.0.1:5432/sec_nodb?user=postgres&sslpassword=PgSsl55"
                        + "&sslkey-password=PgKey66", null, List.of("PgSsl55", "PgKey66")),
                arguments("jdbc:mariadb://root:MaUserInfo55@127.0.0.1:3306/test", null, List.of("MaUserInfo55")),
                arguments("jdbc:mysql://root:MyUserInfo66@127.0.0.1:3306/test", null, List.of("MyUserInfo66")),
                arguments("jdbc:mariadb://root:MaUser@Info:xx/yy@127.0.0.1:3306/test", null,
                        List.of("MaUser@Info:xx/yy", "MaUser@Info")),
                arguments("jdbc:mariadb://address=(host=127.0.0.1)(port=3306)(user=root)(password=MaAddr77)/sec_nodb",
                        null, List.of("MaAddr77")),
                arguments("jdbc:mariadb://127.0.0.1:3306/test?user=root&password=x&keyStorePassword=MaKs66"
                        + "&trustStorePassword=MaTs77&sslMode=verify-full", null, List.of("MaKs66", "MaTs77")),
                arguments("jdbc:mariadb://127.0.0.1:3306/test?user=root", "MaGiven@Pw:1/x",
                        List.of("MaGiven@Pw:1/x")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void maskScrubAndARealFailedConnectionShowNoPassword(String url, String password, List<String> secrets) {
        Database db = new Database(url, password == null ? null : "root", password);
        String echoed = "driver: " + String.join(" and ", secrets) + "@127.0.0.1; url " + url;
        StrategistException failed = null;
        try {
            db.connect().close();
        } catch (StrategistException e) {
            failed = e;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(failed).as("the connection to " + db + " must fail").isNotNull();
        assertThat(failed.getMessage()).contains("cannot connect");
        for (String s : secrets) {
            assertThat(db.maskedUrl()).doesNotContain(s);
            assertThat(db.toString()).doesNotContain(s);
            assertThat(db.scrub(echoed)).doesNotContain(s);
            assertThat(failed.getMessage()).doesNotContain(s);
        }
        if (password == null) {
            assertThat(db.maskedUrl()).contains("***").startsWith(url.substring(0, url.indexOf("//") + 2));
        }
    }

    @Test
    void aUrlThatIsNotJdbcIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> new Database("postgres://u:Oops;Pw1@h/db?password=Oops;Pw2", null, null))
                .hasMessageContaining("expected a JDBC URL").hasMessageNotContaining("Oops")
                .hasMessageNotContaining("Pw1").hasMessageNotContaining("Pw2");
    }

    /**
     * PostgreSQL with trust authentication accepts any password, so a URL's password reaches a live apply. Here the
     * password is also the name of the table the plan alters, which this schema lacks: the server's error, the log
     * lines (the dry run prints the statements) and the failed step's message all carry it without any key.
     */
    @Test
    void applyKeepsThePasswordOutOfItsLogTheStepsMessageAndStatus() throws Exception {
        String secret = "secpwtable42";
        try (TestDatabase db = TestDatabases.postgres("sec_")) {
            Path schema = Files.writeString(dir.resolve("schema.sql"),
                    "CREATE TABLE " + secret + " (id BIGINT PRIMARY KEY, note TEXT);\n");
            // the database is the plan's State A, with a row that makes step 1's verification fail and name the table
            db.execute("CREATE TABLE " + secret + " (id BIGINT PRIMARY KEY, note TEXT)",
                    "INSERT INTO " + secret + " VALUES (1, NULL)");
            Path out = dir.resolve("out");
            Cli plan = Cli.run("plan", "--dialect", "postgresql:15", "--schema", schema.toString(), "--sql",
                    "ALTER TABLE " + secret + " ALTER COLUMN note SET NOT NULL", "--out", out.toString(), "--print",
                    "none");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            String url = db.jdbcUrl() + "&password=" + secret;

            String planFile = out.resolve("migration-strategist-output.json").toString();

            Cli dryRun = Cli.run("apply", "--db", url, "--user", db.user(), "--plan", planFile, "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
            assertThat(dryRun.out()).as(dryRun.toString()).contains("SET NOT NULL").doesNotContain(secret);

            Cli apply = Cli.run("apply", "--db", url, "--user", db.user(), "--plan", planFile);
            assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
            assertThat(apply.out()).as(apply.toString()).contains("step 1 (", "password=***");
            assertThat(apply.out() + apply.err()).as(apply.toString()).doesNotContain(secret);
            List<String> messages = db.column("SELECT message FROM strategist_steps WHERE status = 'failed'");
            assertThat(messages).singleElement().asString().contains("***").doesNotContain(secret);

            Cli status = Cli.run("status", "--db", url, "--user", db.user());
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).as(status.toString()).contains("failed").doesNotContain(secret);
        }
    }
}
