package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the column plans against the real PostgreSQL, step by step, with the writes each app version makes between
 * steps: the table ends as State B with every value and every write, and expand + rollback gives State A back.
 */
@Tag("postgres")
class ColumnChangesPostgresTest {
    static final List<String> USERS = List.of(
            "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, email text,"
                    + " score int NOT NULL DEFAULT 0, created_at timestamp NOT NULL)",
            "CREATE INDEX users_score_idx ON users (score)");
    static final String DIALECT = "postgresql:15";
    static final Map<String, Long> LARGE = Map.of();

    static Plan prepare(TestDatabase db, String change, Map<String, Long> rows) {
        db.execute(USERS);
        for (int i = 1; i <= 10; i++) {
            db.execute("INSERT INTO users (id, name, email, score, created_at) VALUES (" + i + ", 'user " + i + "', "
                    + (i % 2 == 0 ? "NULL" : "'u" + i + "@example.com'") + ", " + (i * 10)
                    + ", TIMESTAMP '2024-01-0" + (i % 9 + 1) + " 12:00:00')");
        }
        return PlanSteps.plan(DIALECT, String.join(";\n", USERS) + ";", change, rows);
    }

    static void assertStateB(TestDatabase db, Plan plan) {
        assertThat(PlanSteps.actual(db, "users")).isEqualTo(PlanSteps.expected(plan, "users"));
    }

    static void assertRollbackGivesStateA(String change, Map<String, Long> rows) {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, change, rows);
            var before = PlanSteps.actual(db, "users");
            PlanSteps.expandThenRollBack(db, plan);
            assertThat(PlanSteps.actual(db, "users")).isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE event_object_schema = '"
                    + db.scope() + "'")).isZero();
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(10);
        }
    }

    @Test
    void nullableAddColumnIsOneStepAndKeepsEveryRow() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "add column users.nickname varchar(40)", LARGE);
            assertThat(plan.steps()).hasSize(1);
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users WHERE nickname IS NULL")).isEqualTo(10);
        }
        assertRollbackGivesStateA("add column users.nickname varchar(40)", LARGE);
    }

    @Test
    void volatileDefaultIsAddedNullableThenBackfilledPerRowThenMadeNotNull() {
        String change = "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();";
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, change, LARGE);
            assertThat(plan.steps()).extracting(Step::phase)
                    .containsExactly(Phase.EXPAND, Phase.BACKFILL, Phase.CONSTRAIN);
            PlanSteps.runAll(db, plan, step -> {
                if (step.phase() == Phase.EXPAND) { // v1.0 keeps inserting without the new column
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'late', 5, now())");
                }
            });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(11);
            assertThat(db.count("SELECT count(DISTINCT token) FROM users")).isEqualTo(11);
            assertThatThrownBy(() -> db.execute("UPDATE users SET token = NULL WHERE id = 1"))
                    .hasMessageContaining("null value");
        }
        assertRollbackGivesStateA(change, LARGE);
    }

    @Test
    void constantDefaultOnPostgres15IsOneCatalogStep() {
        String change = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;";
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, change, LARGE);
            assertThat(plan.steps()).hasSize(1);
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users WHERE active")).isEqualTo(10);
        }
    }

    @Test
    void dropColumnLetsTheNewReleaseInsertWithoutItThenDropsIt() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "drop column users.name", LARGE);
            assertThat(plan.steps()).extracting(Step::phase)
                    .containsExactly(Phase.EXPAND, Phase.APP_RELEASE_2, Phase.CONTRACT);
            PlanSteps.runAll(db, plan, step -> {
                if (step instanceof AppReleaseStep) { // v1.1 no longer writes name
                    db.execute("INSERT INTO users (id, email, score, created_at) VALUES (11, 'n@x', 1, now())");
                }
            });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(11);
        }
        assertRollbackGivesStateA("drop column users.name", LARGE);
    }

    @Test
    void setNotNullGoesThroughAValidatedCheckAndRefusesNullsAfterwards() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "set not null on users.email", LARGE);
            db.execute("UPDATE users SET email = 'filled' WHERE email IS NULL");
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThat(step.transactional()).isFalse();
            assertThat(step.sql()).anyMatch(s -> s.contains("NOT VALID")).anyMatch(s -> s.contains("VALIDATE"));
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_not_null'")).isZero();
        }
    }

    @Test
    void setNotNullStopsAtValidateWhileANullIsLeftAndItsRollbackCleansUp() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "set not null on users.email", LARGE);
            var before = PlanSteps.actual(db, "users");
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThatThrownBy(() -> PlanSteps.run(db, step)).hasMessageContaining("VALIDATE");
            PlanSteps.execute(db, step.rollback().sql(), false);
            assertThat(PlanSteps.actual(db, "users")).isEqualTo(before);
            db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'null email', 1, now())");
        }
    }

    @Test
    void dropNotNullSetDefaultAndDropDefaultAreOneCatalogStepEach() {
        for (String change : List.of("drop not null on users.name", "set default of users.email to 'none'",
                "ALTER TABLE users ALTER COLUMN score DROP DEFAULT")) {
            try (TestDatabase db = TestDatabases.postgres()) {
                Plan plan = prepare(db, change, LARGE);
                PlanSteps.runAll(db, plan, step -> {
                    if (step instanceof AppReleaseStep) { // drop default on NOT NULL: the release writes score
                        db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'x', 7, now())");
                    }
                });
                assertStateB(db, plan);
                assertThat(db.count("SELECT count(*) FROM users")).isBetween(10L, 11L);
            }
            assertRollbackGivesStateA(change, LARGE);
        }
    }

    @Test
    void changeColumnTypeIntToBigintSwapsANewColumnIntoPlaceKeepingEveryWriteOfEveryVersion() {
        String change = "change type of users.score to bigint";
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, change, LARGE);
            assertThat(plan.steps()).extracting(Step::phase).containsExactly(Phase.EXPAND, Phase.BACKFILL,
                    Phase.CONSTRAIN, Phase.CONSTRAIN, Phase.APP_RELEASE_2, Phase.CONTRACT, Phase.CONTRACT);
            PlanSteps.runAll(db, plan, step -> {
                if (step.phase() == Phase.EXPAND) { // v1.0 writes through score only
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'v1.0', 110, now())");
                    db.execute("UPDATE users SET score = 15 WHERE id = 1");
                }
                if (step instanceof BackfillStep) {
                    db.execute("UPDATE users SET score = 25 WHERE id = 2");
                }
                if ("swap_column".equals(step.action())) { // v1.1 writes values that need bigint
                    db.execute("INSERT INTO users (id, name, created_at) VALUES (12, 'default', now())");
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (13, 'big', 5000000000, now())");
                    db.execute("UPDATE users SET score = 6000000000 WHERE id = 3");
                }
            });
            assertStateB(db, plan);
            assertThat(db.column("SELECT score FROM users ORDER BY id")).containsExactly(
                    "15", "25", "6000000000", "40", "50", "60", "70", "80", "90", "100", "110", "0", "5000000000");
            assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'users' AND indexdef LIKE"
                    + " '%(score)%'")).containsExactly("users_score_idx");
        }
        assertRollbackGivesStateA(change, LARGE);
    }

    @Test
    void swapCanBeUndoneWhileTheOldColumnIsKept() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "change type of users.score to bigint", LARGE);
            var before = PlanSteps.actual(db, "users");
            List<Step> steps = plan.steps();
            SchemaStep swap = null;
            for (Step s : steps) {
                if (s.phase() == Phase.CONTRACT) {
                    swap = (SchemaStep) s;
                    break;
                }
                PlanSteps.run(db, s);
            }
            PlanSteps.run(db, swap);
            db.execute("UPDATE users SET score = 77 WHERE id = 4");
            PlanSteps.execute(db, swap.rollback().sql(), true);
            db.execute("UPDATE users SET score = 78 WHERE id = 5");
            assertThat(db.column("SELECT score FROM users WHERE id IN (4, 5) ORDER BY id")).containsExactly("77", "78");
            assertThat(db.column("SELECT score_new FROM users WHERE id IN (4, 5) ORDER BY id"))
                    .containsExactly("77", "78");
            // the old column was made nullable at the swap so that no write of v1.1 could fail on it (as the note says)
            assertThat(PlanSteps.actual(db, "users").get("score"))
                    .isEqualTo(new PlanSteps.Shape("int", true, before.get("score").defaultValue()));
            assertThat(swap.rollback().note()).contains("nullable afterwards");
        }
    }

    @Test
    void changeColumnTypeVarcharGrowthIsOneInPlaceStep() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "change type of users.name to varchar(100)", LARGE);
            assertThat(plan.steps()).hasSize(1);
            String before = db.column("SELECT pg_relation_filenode('users')").get(0);
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.column("SELECT pg_relation_filenode('users')")).containsExactly(before);
        }
        assertRollbackGivesStateA("change type of users.name to varchar(100)", LARGE);
    }

    @Test
    void timestampToTimestamptzReadsTheOldValuesAsUtc() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "change type of users.created_at to timestamptz", LARGE);
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.column("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM users"
                    + " WHERE id = 1")).containsExactly("2024-01-02 12:00");
        }
    }

    @Test
    void narrowingBackfillStopsLoudlyOnAValueThatDoesNotFit() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Plan plan = prepare(db, "change type of users.name to varchar(5)", LARGE);
            db.execute("UPDATE users SET name = 'abc' WHERE id <> 7");
            PlanSteps.run(db, plan.steps().get(0));
            // v1.0 writes a value too long for the new type: the write succeeds, the new column stays NULL for it
            db.execute("UPDATE users SET name = 'much too long' WHERE id = 8");
            assertThatThrownBy(() -> PlanSteps.run(db, plan.steps().get(1)))
                    .hasMessageContaining("too long");
            assertThat(db.count("SELECT count(*) FROM users WHERE char_length(name) > 5")).isEqualTo(2);
        }
    }
}
