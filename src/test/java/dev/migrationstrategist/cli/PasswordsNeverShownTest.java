package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every password form, through every command that connects, against the real local servers: each connection fails
 * (a database that does not exist, a password root does not have, a URL the driver cannot parse, a replica that
 * refuses) and the error, with {@code --verbose} its stack trace and causes, never shows the password or a piece of
 * it. Forms where the driver's own message echoes the password: MariaDB's "Incorrect port value : PASSWORD@host"
 * for userinfo, pgjdbc's "Unable to parse URL URL".
 */
class PasswordsNeverShownTest {
    private static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name";
    private static TestDatabase postgres;
    private static TestDatabase mariadb;

    @TempDir
    static Path dir;

    /** A form: the --db argument(s) and the passwords (with the pieces a driver may echo) that must not show. */
    record Form(String name, List<String> dbArgs, List<String> secrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> postgresCases() throws Exception {
        if (postgres == null) {
            postgres = TestDatabases.postgres("sec_");
        }
        String hp = hostPort(postgres.jdbcUrl());
        String u = postgres.user();
        List<Form> forms = List.of(
                form("password= with ; : ? , in it", "jdbc:postgresql://" + hp + "/sec_nodb?user=" + u
                        + "&password=PgSemi;colon:Qq,Ask?Zz1", "PgSemi;colon:Qq,Ask?Zz1", "colon:Qq", "Ask?Zz1"),
                form("password= URL-encoded @ : /", "jdbc:postgresql://" + hp + "/sec_nodb?user=" + u
                        + "&password=PgEnc%40At%3AColon%2FSlash", "PgEnc%40At%3AColon%2FSlash", "PgEnc@At:Colon/Slash"),
                form("userinfo with @ : / (pgjdbc echoes the URL)", "jdbc:postgresql://" + u
                        + ":PgUserAt@Info:xx/yy@" + hp + "/test", "PgUserAt@Info:xx/yy", "Info:xx/yy"),
                form("sslpassword and sslkey-password", "jdbc:postgresql://" + hp + "/sec_nodb?user=" + u
                        + "&sslpassword=PgSslPw77&sslkey-password=PgKeyPw88&sslmode=disable", "PgSslPw77",
                        "PgKeyPw88"),
                form("refused port", "jdbc:postgresql://127.0.0.1:1/test?user=" + u + "&password=PgRefused;Port9",
                        "PgRefused;Port9", "Port9"),
                new Form("--password option", List.of("--db", "jdbc:postgresql://" + hp + "/sec_nodb", "--user", u,
                        "--password", "PgOptPw@99"), List.of("PgOptPw@99")));
        return cases(forms, planFor("postgresql:15"), postgres);
    }

    static Stream<Arguments> mariadbCases() throws Exception {
        if (mariadb == null) {
            mariadb = TestDatabases.mariadb("sec_");
        }
        String hp = hostPort(mariadb.jdbcUrl());
        String u = mariadb.user();
        List<Form> forms = List.of(
                form("userinfo (driver: Incorrect port value : PASSWORD@host)", "jdbc:mariadb://" + u
                        + ":MaUserInfo55@" + hp + "/test", "MaUserInfo55"),
                form("userinfo on jdbc:mysql:", "jdbc:mysql://" + u + ":MyUserInfo66@" + hp + "/test",
                        "MyUserInfo66"),
                form("userinfo with @ : / (driver echoes a piece)", "jdbc:mariadb://" + u + ":MaUser@Info:xx/yy@" + hp
                        + "/test", "MaUser@Info:xx/yy", "MaUser@Info", "Info:xx"),
                form("userinfo with %40", "jdbc:mariadb://" + u + ":MaPct%40At%3AC%2FS@" + hp + "/test",
                        "MaPct%40At%3AC%2FS", "MaPct@At:C/S"),
                form("address=(password=...)", "jdbc:mariadb://address=(host=" + hp.replaceFirst(":.*", "")
                        + ")(port=" + hp.replaceFirst(".*:", "") + ")(user=" + u + ")(password=MaAddr77)/sec_nodb",
                        "MaAddr77"),
                form("password= with ; :", "jdbc:mariadb://" + hp + "/test?user=" + u + "&password=MaSemi;colon:Qq1",
                        "MaSemi;colon:Qq1", "colon:Qq1"),
                form("keyStorePassword and trustStorePassword", "jdbc:mariadb://" + hp + "/sec_nodb?user=" + u
                        + "&keyStorePassword=MaKs66x&trustStorePassword=MaTs77x", "MaKs66x", "MaTs77x"),
                new Form("--password option", List.of("--db", "jdbc:mariadb://" + hp + "/test", "--user", u,
                        "--password", "MaOpt:Pw/99"), List.of("MaOpt:Pw/99")));
        return cases(forms, planFor("mariadb:10.11"), mariadb);
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("postgresCases")
    void postgresPasswordsAreNotShown(Form form, String command, List<String> args) {
        assertNotShown(form, args);
    }

    @ParameterizedTest(name = "MariaDB {0}: {1}")
    @MethodSource("mariadbCases")
    void mariadbPasswordsAreNotShown(Form form, String command, List<String> args) {
        assertNotShown(form, args);
    }

    private static void assertNotShown(Form form, List<String> args) {
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isIn(1, 2);
        assertThat(run.err()).as(run.toString()).startsWith("strategist: ").contains("cannot connect")
                .doesNotContain("internal error");
        String shown = run.out() + run.err();
        for (String secret : form.secrets()) {
            assertThat(shown).as(run.toString()).doesNotContain(secret);
        }
    }

    /** Each form through status, apply, rollback, plan, rehearse, lint (URL forms) and as an apply --replica. */
    private static Stream<Arguments> cases(List<Form> forms, Path plan, TestDatabase good) throws Exception {
        Path lintFile = Files.writeString(dir.resolve("lint.sql"), RENAME + ";\n");
        List<Arguments> out = new ArrayList<>();
        for (Form f : forms) {
            out.add(arguments(f, "status", with(List.of("status"), f.dbArgs())));
            out.add(arguments(f, "apply", with(List.of("apply", "--plan", plan.toString()), f.dbArgs())));
            out.add(arguments(f, "rollback", with(List.of("rollback", "--plan", plan.toString()), f.dbArgs())));
            out.add(arguments(f, "plan", with(List.of("plan", "--out", dir.resolve("out").toString(), "--sql",
                    RENAME), f.dbArgs())));
            out.add(arguments(f, "rehearse", with(List.of("rehearse", "--out", dir.resolve("out").toString(),
                    "--rows", "10", "--sql", RENAME), f.dbArgs())));
            if (f.dbArgs().size() == 2) {
                String url = f.dbArgs().get(1);
                out.add(arguments(f, "lint", List.of("lint", "--verbose", "--db", url, lintFile.toString())));
                out.add(arguments(f, "apply --replica", List.of("apply", "--verbose", "--db", good.jdbcUrl(),
                        "--user", good.user(), "--plan", plan.toString(), "--replica", url)));
            }
        }
        return out.stream();
    }

    private static List<String> with(List<String> command, List<String> dbArgs) {
        List<String> all = new ArrayList<>(command);
        all.add("--verbose");
        all.addAll(dbArgs);
        return all;
    }

    private static Form form(String name, String url, String... secrets) {
        return new Form(name, List.of("--db", url), List.of(secrets));
    }

    private static Path planFor(String dialect) {
        Path out = dir.resolve("plan-" + dialect.replace(':', '-'));
        Cli run = Cli.run("plan", "--dialect", dialect, "--schema", "examples/rename-column/schema.sql",
                "--sql", RENAME, "--out", out.toString(), "--print", "none");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return out.resolve("migration-strategist-output.json");
    }

    private static String hostPort(String jdbcUrl) {
        Matcher m = Pattern.compile("//([^/?]+)").matcher(jdbcUrl);
        assertThat(m.find()).as(jdbcUrl).isTrue();
        return m.group(1);
    }

    @Test
    void theReplicaFormStillNamesTheReplica() throws Exception {
        if (postgres == null) {
            postgres = TestDatabases.postgres("sec_");
        }
        Path plan = planFor("postgresql:15");
        Cli run = Cli.run("apply", "--db", postgres.jdbcUrl(), "--user", postgres.user(), "--plan", plan.toString(),
                "--replica", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=ReplicaPw;Tail1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .contains("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***", "cannot connect")
                .doesNotContain("ReplicaPw", "Tail1");
        assertThat(postgres.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + postgres.scope() + "' AND table_name LIKE 'strategist%'")).as("nothing written").isZero();
    }

    @AfterAll
    static void dropScratch() {
        if (postgres != null) {
            postgres.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }
}
