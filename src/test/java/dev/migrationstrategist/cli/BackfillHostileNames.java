package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.report.JsonSchemaAssert;
import dev.migrationstrategist.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table and columns named with a space, a double quote, a backtick, a unicode letter, a reserved word (and the
 * placeholders {@code :last_id}, {@code :next_id}, {@code ?} themselves), taken through the real command line:
 * {@code plan --db} (a rename and a type change to bigint, both with a batched backfill), {@code apply} through the
 * backfill in several batches, a write through the old names, then {@code rollback}, which leaves the table as it
 * was. The quoting here is the test's own, not the product's.
 *
 * @param typed   an INT column whose type changes to BIGINT
 * @param renamed the new name of {@code column}
 */
record BackfillHostileNames(String label, String table, String key, String column, String typed, String renamed) {
    static final int ROWS = 250;

    static Stream<BackfillHostileNames> cases() {
        return Stream.of(
                new BackfillHostileNames("space", "bf table", "row id", "full name", "qty count", "new name"),
                new BackfillHostileNames("double quote", "bf\"tab", "k\"id", "na\"me", "q\"ty", "ne\"w"),
                new BackfillHostileNames("backtick", "bf`tab", "k`id", "na`me", "q`ty", "ne`w"),
                new BackfillHostileNames("unicode", "Tåble_ü", "clé", "prénom", "quantité", "名前"),
                new BackfillHostileNames("reserved", "order", "select", "from", "group", "where"),
                new BackfillHostileNames("all at once", "bf \"ö` order", "k :last_id ?", "a \"b` é", "select",
                        "x :next_id"));
    }

    @Override
    public String toString() {
        return label;
    }

    static String q(TestDatabase db, String name) {
        return db.family().equals("postgresql") ? "\"" + name.replace("\"", "\"\"") + "\""
                : "`" + name.replace("`", "``") + "`";
    }

    /** The whole lifecycle on one scratch schema or database. */
    void run(TestDatabase db, Path dir) throws Exception {
        String t = q(db, table);
        db.execute("CREATE TABLE " + t + " (" + q(db, key) + " BIGINT PRIMARY KEY, " + q(db, column)
                + " VARCHAR(50), " + q(db, typed) + " INT)");
        for (int i = 1; i <= ROWS; i++) {
            db.execute("INSERT INTO " + t + " VALUES (" + i + ", " + (i % 10 == 0 ? "NULL" : "'v" + i + "'") + ", "
                    + (i % 7 == 0 ? "NULL" : String.valueOf(i * 1000)) + ")");
        }
        List<List<String>> before = db.rows(select(db, column));

        Path plan = plan(db, dir);
        List<String> apply = List.of("apply", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                "--pause", "0ms", "--batch-target", "0ms");
        Cli expand = Cli.run(apply);
        assertThat(expand.exitCode()).as(expand.toString()).isZero();
        List<String> through = new ArrayList<>(apply);
        through.addAll(List.of("--through", "backfill"));
        Cli backfill = Cli.run(through);
        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(backfill.out() + backfill.err()).as(backfill.toString())
                .contains(ROWS * 9 / 10 + " rows updated in 3 batches");

        JsonNode steps = new ObjectMapper().readTree(plan.toFile()).path("steps");
        List<JsonNode> backfills = new ArrayList<>();
        steps.forEach(s -> {
            if (s.path("phase").asText().equals("backfill")) {
                backfills.add(s);
            }
        });
        assertThat(backfills).hasSize(2);
        for (JsonNode b : backfills) {
            assertThat(db.count(b.path("verify_sql").asText())).as(b.path("verify_sql").asText()).isZero();
        }
        assertThat(db.count("SELECT count(*) FROM " + t + " WHERE " + distinct(db, q(db, renamed), q(db, column))))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM " + t + " WHERE " + q(db, column) + " IS NOT NULL")).isEqualTo(225);

        db.execute("INSERT INTO " + t + " (" + q(db, key) + ", " + q(db, column) + ", " + q(db, typed)
                + ") VALUES (" + (ROWS + 1) + ", 'old app', 7)");
        assertThat(db.column("SELECT " + q(db, renamed) + " FROM " + t + " WHERE " + q(db, key) + " = " + (ROWS + 1)))
                .containsExactly("old app");

        Cli rollback = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                "--app-rolled-back");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(db.columns(table)).containsExactly(key, column, typed);
        List<List<String>> after = db.rows(select(db, column));
        assertThat(after.subList(0, ROWS)).isEqualTo(before);
        assertThat(after.get(ROWS)).containsExactly(String.valueOf(ROWS + 1), "old app", "7");
        assertThat(db.count(db.family().equals("postgresql")
                ? "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '" + db.scope() + "."
                  + t.replace("'", "''") + "'::regclass"
                : "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()"))
                .as("the sync triggers are gone").isZero();
    }

    private String select(TestDatabase db, String value) {
        return "SELECT " + q(db, key) + ", " + q(db, value) + ", " + q(db, typed) + " FROM " + q(db, table)
                + " ORDER BY " + q(db, key);
    }

    private static String distinct(TestDatabase db, String a, String b) {
        return db.family().equals("postgresql") ? a + " IS DISTINCT FROM " + b : "NOT (" + a + " <=> " + b + ")";
    }

    /**
     * {@code strategist plan --db} with the rename and the type change, written to {@code dir}: as naive SQL on
     * PostgreSQL, as phrases on MariaDB (the SQL reader cannot read a name with a doubled backtick in it).
     */
    private Path plan(TestDatabase db, Path dir) throws Exception {
        String t = q(db, table);
        List<String> changes = db.family().equals("postgresql")
                ? List.of("--sql", "ALTER TABLE " + t + " RENAME COLUMN " + q(db, column) + " TO " + q(db, renamed),
                "--sql", "ALTER TABLE " + t + " ALTER COLUMN " + q(db, typed) + " TYPE BIGINT")
                : List.of("rename column " + t + "." + q(db, column) + " to " + q(db, renamed),
                "change type of " + t + "." + q(db, typed) + " to bigint");
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> args = new ArrayList<>(List.of("plan", "--db", db.jdbcUrl(), "--user", db.user(),
                "--large-table-rows", "1", "--batch-size", "100", "--out", out.toString(), "--print", "json"));
        args.addAll(changes);
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonSchemaAssert.assertValid(run.out());
        return out.resolve("migration-strategist-output.json");
    }
}
