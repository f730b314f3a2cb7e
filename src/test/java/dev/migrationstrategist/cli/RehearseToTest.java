package dev.migrationstrategist.cli;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse --to}: the plan of the difference to State B, beside each change's own DDL on the naive side. */
class RehearseToTest {
    @TempDir
    Path dir;

    @Test
    @Tag("postgres")
    void theDifferenceToStateBIsRehearsedWithEachChangesNaiveDdlBesideIt() throws Exception {
        Path a = Files.writeString(dir.resolve("a.sql"), """
                CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT NOT NULL,
                                    status VARCHAR(20) NOT NULL DEFAULT 'active');
                """);
        Path b = Files.writeString(dir.resolve("b.sql"), """
                CREATE TABLE users (id BIGINT PRIMARY KEY, full_name VARCHAR(255), email TEXT NOT NULL,
                                    status VARCHAR(20) NOT NULL);
                CREATE INDEX users_email_idx ON users (email);
                """);
        try (TestDatabase db = TestDatabases.postgres()) {
            Cli r = Cli.run("rehearse", "--db", db.jdbcUrl(), "--user", db.user(), "--schema", a.toString(),
                    "--to", b.toString(), "--rename", "users.name=full_name", "--rows", "400", "--clients", "2",
                    "--out", dir.resolve("out").toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("verdict: PASS")
                    .contains("ran: ALTER TABLE users RENAME COLUMN name TO full_name -- ")
                    .contains("ran: ALTER TABLE users ALTER COLUMN status DROP DEFAULT -- ")
                    .contains("ran: CREATE INDEX users_email_idx ON users (email) -- ");
            // the naive side's v1.0 loses the renamed column (its INSERTs fail on it before the missing default)
            assertThat(r.out().substring(r.out().indexOf("naive side ("))).contains("FAIL  zero client errors")
                    .contains("(SQLSTATE 42703)");
        }
    }

    @Test
    void toWithAChangeIsRefusedWithOneLine() {
        Cli r = Cli.run("rehearse", "--db", "jdbc:postgresql://127.0.0.1:1/x", "--to", "b.sql",
                "rename column users.name to full_name");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--to rehearses the difference to State B");
    }
}
