package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The column plans for MariaDB 10.11, run step by step against the real server. */
@Tag("mariadb")
class ColumnChangesMariaDbTest {
    static final List<String> USERS = List.of(
            "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, email varchar(255),"
                    + " score int NOT NULL DEFAULT 0, created_at datetime NOT NULL)",
            "CREATE INDEX users_score_idx ON users (score)");
    static final String DIALECT = "mariadb:10.11";

    static Plan prepare(TestDatabase db, String change) {
        db.execute(USERS);
        for (int i = 1; i <= 10; i++) {
            db.execute("INSERT INTO users (id, name, email, score, created_at) VALUES (" + i + ", 'user " + i + "', "
                    + (i % 2 == 0 ? "NULL" : "'u" + i + "@example.com'") + ", " + (i * 10) + ", '2024-01-0"
                    + (i % 9 + 1) + " 12:00:00')");
        }
        return PlanSteps.plan(DIALECT, String.join(";\n", USERS) + ";", change, Map.of());
    }

    static void assertStateB(TestDatabase db, Plan plan) {
        assertThat(PlanSteps.actual(db, "users")).isEqualTo(PlanSteps.expected(plan, "users"));
    }

    static void assertRollbackGivesStateA(String change) {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, change);
            var before = PlanSteps.actual(db, "users");
            PlanSteps.expandThenRollBack(db, plan);
            assertThat(PlanSteps.actual(db, "users")).isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '"
                    + db.scope() + "'")).isZero();
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(10);
        }
    }

    @Test
    void nullableAddColumnIsOneInstantStep() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, "add column users.nickname varchar(40)");
            assertThat(plan.steps()).hasSize(1);
            assertThat(plan.steps().get(0).toString()).contains("ALGORITHM=INSTANT, LOCK=NONE");
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
        }
        assertRollbackGivesStateA("add column users.nickname varchar(40)");
    }

    @Test
    void uuidDefaultIsAddedNullableThenBackfilledPerRow() {
        String change = "ALTER TABLE users ADD COLUMN token char(36) NOT NULL DEFAULT (uuid());";
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, change);
            assertThat(plan.steps()).extracting(Step::phase)
                    .containsExactly(Phase.EXPAND, Phase.BACKFILL, Phase.CONSTRAIN);
            PlanSteps.runAll(db, plan, step -> {
                if (step.phase() == Phase.EXPAND) {
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'late', 5, now())");
                }
            });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(DISTINCT token) FROM users")).isEqualTo(11);
        }
        assertRollbackGivesStateA(change);
    }

    @Test
    void dropColumnRelaxesNotNullReleasesThenDrops() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, "drop column users.name");
            PlanSteps.runAll(db, plan, step -> {
                if (step instanceof AppReleaseStep) {
                    db.execute("INSERT INTO users (id, email, score, created_at) VALUES (11, 'n@x', 1, now())");
                }
            });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(11);
        }
        assertRollbackGivesStateA("drop column users.name");
    }

    /** An indexed column cannot be dropped INSTANT ("Reason: DROP INDEX"): its index goes first, in place. */
    @Test
    void anIndexedColumnIsDroppedAfterItsIndex() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, "drop column users.score");
            assertThat(plan.steps().get(plan.steps().size() - 1).toString())
                    .contains("DROP INDEX users_score_idx, ALGORITHM=INPLACE, LOCK=NONE");
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(10);
        }
    }

    @Test
    void setNotNullIsAnOnlineModifyKeepingTheRest() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, "ALTER TABLE users MODIFY email varchar(255) NOT NULL;");
            assertThat(plan.changes()).extracting(c -> c.kind()).containsExactly("set_not_null");
            db.execute("UPDATE users SET email = 'filled' WHERE email IS NULL");
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
        }
    }

    @Test
    void dropNotNullSetDefaultAndDropDefaultAreOneOnlineStepEach() {
        Map<String, String> changes = Map.of(
                "drop not null on users.name", "drop_not_null",
                "set default of users.email to 'none'", "set_default",
                "ALTER TABLE users ALTER COLUMN score DROP DEFAULT;", "drop_default");
        for (Map.Entry<String, String> e : changes.entrySet()) {
            try (TestDatabase db = TestDatabases.mariadb()) {
                Plan plan = prepare(db, e.getKey());
                assertThat(plan.changes()).extracting(c -> c.kind()).containsExactly(e.getValue());
                assertThat(ObjectPlanSteps.schemaSteps(plan)).as(e.getKey()).hasSize(1)
                        .allSatisfy(s -> assertThat(s.sql()).anyMatch(q -> q.contains("ALGORITHM=")
                                && q.contains("LOCK=NONE")));
                PlanSteps.runAll(db, plan, step -> {
                    if (step instanceof AppReleaseStep) { // drop default on NOT NULL: the release writes score
                        db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'x', 7, now())");
                    }
                });
                assertStateB(db, plan);
                assertThat(db.count("SELECT count(*) FROM users")).as(e.getKey()).isBetween(10L, 11L);
            }
            assertRollbackGivesStateA(e.getKey());
        }
    }

    @Test
    void changeColumnTypeIntToBigintSwapsUnderLockTablesKeepingEveryWrite() {
        String change = "ALTER TABLE users MODIFY score bigint NOT NULL DEFAULT 0;";
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, change);
            assertThat(plan.changes()).extracting(c -> c.kind()).containsExactly("change_column_type");
            PlanSteps.runAll(db, plan, step -> {
                if (step.phase() == Phase.EXPAND) {
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (11, 'v1.0', 110, now())");
                    db.execute("UPDATE users SET score = 15 WHERE id = 1");
                }
                if ("swap_column".equals(step.action())) {
                    db.execute("INSERT INTO users (id, name, created_at) VALUES (12, 'default', now())");
                    db.execute("INSERT INTO users (id, name, score, created_at) VALUES (13, 'big', 5000000000, now())");
                    db.execute("UPDATE users SET score = 6000000000 WHERE id = 3");
                }
            });
            assertStateB(db, plan);
            assertThat(db.column("SELECT score FROM users ORDER BY id")).containsExactly(
                    "15", "20", "6000000000", "40", "50", "60", "70", "80", "90", "100", "110", "0", "5000000000");
            assertThat(db.column("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = '"
                    + db.scope() + "' AND column_name = 'score'")).containsExactly("users_score_idx");
        }
        assertRollbackGivesStateA(change);
    }

    @Test
    void changeColumnTypeVarcharGrowthWithinTheLengthPrefixIsInstant() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Plan plan = prepare(db, "change type of users.name to varchar(60)");
            assertThat(plan.steps()).hasSize(1);
            assertThat(plan.steps().get(0).toString()).contains("ALGORITHM=INSTANT");
            PlanSteps.runAll(db, plan, s -> { });
            assertStateB(db, plan);
        }
        assertRollbackGivesStateA("change type of users.name to varchar(60)");
    }
}
