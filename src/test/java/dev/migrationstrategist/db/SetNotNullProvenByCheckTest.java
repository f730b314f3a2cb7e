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
 * A validated {@code CHECK (col IS NOT NULL)} already on a large table: SET NOT NULL is planned as the one catalog
 * statement (PostgreSQL 12+ uses the check and skips the scan), with no second check and no VALIDATE; apply makes the
 * column NOT NULL and the check stays; lint of the same statement against the same State A reports no scan.
 * Without the check (or with it NOT VALID) the plan keeps its CHECK NOT VALID + VALIDATE route and lint its error.
 */
@Tag("postgres")
class SetNotNullProvenByCheckTest {

    @Test
    void anExistingValidatedCheckMakesSetNotNullACatalogStep() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_")) {
            db.execute("CREATE TABLE users (id bigint PRIMARY KEY, full_name text, nick text,"
                    + " CONSTRAINT users_full_name_present CHECK ((full_name IS NOT NULL)))",
                    "INSERT INTO users SELECT g, 'n' || g, 'k' || g FROM generate_series(1, 500) g",
                    "ALTER TABLE users ADD CONSTRAINT users_nick_present CHECK (nick IS NOT NULL) NOT VALID");
            Path plan = ProofRun.planFromDb(db, "--dialect", "postgresql:15", "--rows", "users=50000000",
                    "set not null on users.full_name");
            String json = Files.readString(plan);
            assertThat(json).contains("SET NOT NULL").doesNotContain("VALIDATE CONSTRAINT")
                    .doesNotContain("ADD CONSTRAINT").contains("users_full_name_present");
            Cli applied = ProofRun.apply(db, plan);
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(db.column("SELECT is_nullable FROM information_schema.columns WHERE table_schema ="
                    + " current_schema() AND table_name = 'users' AND column_name = 'full_name'"))
                    .containsExactly("NO");
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'users_full_name_present'"))
                    .as("the user's check stays").isEqualTo(1);

            Path notValid = ProofRun.planFromDb(db, "--dialect", "postgresql:15", "--rows", "users=50000000",
                    "set not null on users.nick");
            assertThat(Files.readString(notValid)).as("a NOT VALID check proves nothing")
                    .contains("VALIDATE CONSTRAINT");

            Path dir = Files.createTempDirectory("lint");
            Files.writeString(dir.resolve("V2__full_name.sql"),
                    "ALTER TABLE users ALTER COLUMN full_name DROP NOT NULL;\n");
            Path m = dir.resolve("V3__nick.sql");
            Files.writeString(m, "ALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n");
            Path proven = dir.resolve("V4__full_name.sql");
            Files.writeString(proven, "ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;\n");
            Cli lintProven = Cli.run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--format", "json",
                    proven.toString());
            assertThat(lintProven.out()).as(lintProven.toString()).doesNotContain("set-not-null-scan");
            Cli lintNick = Cli.run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--format", "json",
                    m.toString());
            assertThat(lintNick.out()).as(lintNick.toString()).contains("set-not-null-scan");
        }
    }
}
