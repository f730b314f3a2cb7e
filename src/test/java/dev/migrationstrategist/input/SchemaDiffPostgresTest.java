package dev.migrationstrategist.input;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State A created on PostgreSQL and read back live ({@code plan --db}); the diff to a hand-written State B is planned,
 * its steps run as {@code apply} would (schema steps, keyset backfills; app releases are the app's), and the live
 * catalog then equals State B as written (column order aside: an expand/contract rename adds its column last).
 */
@Tag("postgres")
class SchemaDiffPostgresTest {
    static final String A = """
            CREATE TYPE mood AS ENUM ('ok', 'sad');
            CREATE DOMAIN pos AS integer CONSTRAINT pos_small CHECK (VALUE < 1000000);
            CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer, m mood, score pos,
              legacy text);
            CREATE INDEX users_age_idx ON users (age);
            CREATE TABLE old_notes (id bigint PRIMARY KEY, body text);
            CREATE TABLE audit (id bigint, at timestamp);
            """;
    static final String B = """
            CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad', 'angry');
            CREATE DOMAIN pos AS integer CONSTRAINT pos_nonneg CHECK (VALUE >= 0);
            CREATE TABLE people (id bigint PRIMARY KEY, full_name varchar(50) NOT NULL, age bigint NOT NULL DEFAULT 0,
              m mood, score pos, email varchar(200), CONSTRAINT people_id_check CHECK (id > 0),
              CONSTRAINT people_email_key UNIQUE (email));
            CREATE INDEX users_age_idx ON people (age);
            CREATE TABLE orders (id bigint PRIMARY KEY, person_id bigint NOT NULL REFERENCES people (id),
              total numeric(12,2) DEFAULT 0);
            CREATE INDEX orders_person_idx ON orders (person_id);
            CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp);
            """;

    @Test
    void theDiffPlannedFromALiveStateARunsToStateB() {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(statements(A));
            for (int i = 1; i <= 25; i++) {
                db.execute("INSERT INTO users (id, name, age, m, score, legacy) VALUES (" + i + ", 'u" + i + "', " + i
                        + ", 'ok', " + i + ", 'x')", "INSERT INTO audit VALUES (" + i + ", now())");
            }
            Strategist strategist = Strategist.configure()
                    .liveDatabase(new Database(db.jdbcUrl(), db.user(), db.password())).batchSize(10).load();
            Schema b = new SchemaReader(Dialects.parse("postgresql:15")).read(B, "b.sql");
            Plan plan = strategist.planDiff(b, SchemaDiff.Hints.parse(List.of("people.name=full_name"),
                    List.of("users=people"))).plan();
            assertThat(plan.changes()).extracting(c -> c.kind()).containsExactly("rename_table", "rename_column",
                    "add_enum_value", "add_enum_value", "drop_domain_check", "create_table", "add_column",
                    "set_default", "set_not_null", "change_column_type", "add_unique", "add_check", "add_primary_key",
                    "add_domain_check", "drop_column", "drop_table");

            assertThat(plan.steps()).as("the type change is an expand/contract with a backfill")
                    .anyMatch(s -> s instanceof BackfillStep);
            PlanExecution run = new PlanExecution(db);
            for (Step step : plan.steps()) {
                if (step instanceof SchemaStep schema) {
                    run.run(schema);
                } else if (step instanceof BackfillStep backfill) {
                    run.backfill(backfill, n -> { });
                }
            }

            assertThat(SchemaMatch.catalog(byName(run.catalog()), byName(b), false))
                    .isEqualTo(SchemaMatch.model(byName(b), false));
            assertThat(run.catalog().enumType(dev.migrationstrategist.schema.Ident.of("mood")).orElseThrow().values())
                    .containsExactly("happy", "ok", "sad", "angry");
            assertThat(run.catalog().domain(dev.migrationstrategist.schema.Ident.of("pos")).orElseThrow().checks())
                    .extracting(c -> c.name().name()).containsExactly("pos_nonneg");
            assertThat(db.rows("SELECT full_name, age FROM people WHERE id = 7")).containsExactly(List.of("u7", "7"));
            assertThat(db.count("SELECT count(*) FROM people")).isEqualTo(25);
        }
    }

    static Schema byName(Schema schema) {
        return new Schema(schema.tables().stream().sorted(Comparator.comparing(t -> t.name().lower()))
                .map(t -> new Table(t.name(), t.columns().stream().sorted(Comparator.comparing(
                        (Column c) -> c.name().lower())).toList(), t.constraints(), t.indexes()))
                .toList(), schema.enums(), schema.domains());
    }

    static List<String> statements(String ddl) {
        return Arrays.stream(ddl.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
