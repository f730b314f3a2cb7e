package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.report.JsonSchemaAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code strategist plan --schema|--from A --to B [--rename ...]}: both reports, and one-line refusals (exit 2). */
class PlanDiffCommandTest {
    @TempDir
    static Path fixtures;

    @TempDir
    Path out;

    @BeforeAll
    static void writeFixtures() throws Exception {
        Files.writeString(fixtures.resolve("a.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer);
                CREATE INDEX users_age_idx ON users (age);
                """);
        Files.writeString(fixtures.resolve("b.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, full_name varchar(50) NOT NULL, age bigint NOT NULL DEFAULT 0,
                  email text, CONSTRAINT users_id_check CHECK (id > 0));
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));
                CREATE INDEX orders_user_idx ON orders (user_id);
                """);
        Files.writeString(fixtures.resolve("a-with-check.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer,
                  CONSTRAINT age_ok CHECK (age >= 0));
                """);
    }

    static String f(String name) {
        return fixtures.resolve(name).toString();
    }

    @Test
    void plansTheDifferenceAndWritesBothReports() throws Exception {
        Cli run = Cli.run("plan", "--dialect", "postgresql:15", "--schema", f("a.sql"), "--to", f("b.sql"),
                "--rename", "users.name=full_name", "--rows", "users=5000000", "--out", out.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String json = Files.readString(out.resolve("migration-strategist-output.json"));
        JsonSchemaAssert.assertValid(json);
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> kinds = new ArrayList<>();
        root.get("changes").forEach(c -> kinds.add(c.get("kind").asText()));
        assertThat(kinds).containsExactly("rename_column", "drop_index", "create_table", "add_column",
                "set_default", "set_not_null", "change_column_type", "add_check");
        String md = Files.readString(out.resolve("migration-strategist-report.md"));
        assertThat(md).contains("full_name").contains("orders").isEqualTo(run.out());
    }

    @Test
    void fromIsAnAliasOfSchemaAndRenameTableIsAHint() throws Exception {
        Files.writeString(fixtures.resolve("people.sql"),
                "CREATE TABLE people (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer);\n"
                        + "CREATE INDEX users_age_idx ON people (age);\n");
        Cli run = Cli.run("plan", "--from", f("a.sql"), "--to", f("people.sql"), "--rename-table", "users=people",
                "--print", "json", "--out", out.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode change = new ObjectMapper().readTree(run.out()).get("changes").get(0);
        assertThat(change.get("kind").asText()).isEqualTo("rename_table");
        assertThat(change.get("new_name").asText()).isEqualTo("people");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("a rename without a hint", List.of("--schema", f("a.sql"), "--to", f("b.sql")),
                        "table users: column name disappears and column full_name of the same type (varchar(50))"
                                + " appears: a rename is not drop + add; give --rename users.name=full_name"),
                arguments("a dropped constraint", List.of("--schema", f("a-with-check.sql"), "--to", f("a.sql")),
                        "table users: check constraint age_ok is dropped or changed in State B; no change kind drops"
                                + " a constraint"),
                arguments("equal states", List.of("--schema", f("a.sql"), "--to", f("a.sql")),
                        "--to: State B equals State A; nothing to plan"),
                arguments("--to and a change", List.of("--schema", f("a.sql"), "--to", f("b.sql"), "--sql",
                        "ALTER TABLE users DROP COLUMN age"), "--to plans the difference to State B: give no CHANGE"),
                arguments("a hint without --to", List.of("--schema", f("a.sql"), "--rename", "users.a=b", "--sql",
                        "ALTER TABLE users DROP COLUMN age"), "--rename and --rename-table are hints for --to"),
                arguments("a malformed hint", List.of("--schema", f("a.sql"), "--to", f("b.sql"), "--rename-table",
                        "users"), "--rename-table users: expected OLD=NEW"),
                arguments("missing State B file", List.of("--schema", f("a.sql"), "--to", f("missing.sql")),
                        "--to " + f("missing.sql") + ": no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithOneLineAndExitTwo(String what, List<String> args, String message) throws Exception {
        List<String> all = new ArrayList<>(List.of("plan", "--out", out.toString()));
        all.addAll(args);

        Cli run = Cli.run(all);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("strategist: ").contains(message).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }
}
