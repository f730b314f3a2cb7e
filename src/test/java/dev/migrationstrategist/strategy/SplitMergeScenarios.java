package dev.migrationstrategist.strategy;

import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Split and merge run for real: State A with seeded rows, every step of the plan in order with the writes each
 * running app version makes between the steps (v1.0 knows only the old shape, v1.1 writes both, v1.2 only the new
 * one while v1.1 still runs beside it), the verify gate at 0 before the contract, then the catalog equals State B
 * and every value, old or written mid-migration, is where the new shape keeps it. And expand → rollback → State A.
 */
abstract class SplitMergeScenarios {
    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, bio text,"
            + " avatar_url varchar(200) NOT NULL DEFAULT '');";
    static final String SPLIT = "split table users columns bio, avatar_url into user_profiles";
    static final String MERGE_A = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL);\n"
            + "CREATE TABLE user_profiles (user_id bigint PRIMARY KEY, bio text, avatar_url varchar(200) NOT NULL"
            + " DEFAULT '', CONSTRAINT user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id));";
    static final String MERGE = "merge table user_profiles into users";

    abstract TestDatabase database();

    abstract String dialect();

    /** An upsert of the 1:1 row as v1.1/v1.2 write it. */
    abstract String upsertProfile(long id, String bio, String avatar);

    @Test
    void splitTableKeepsEveryValueAndEveryWriteMadeDuringTheMigration() {
        try (TestDatabase db = database()) {
            db.execute(USERS);
            for (int i = 1; i <= 10; i++) {
                db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (" + i + ", 'u" + i + "@x', "
                        + (i % 3 == 0 ? "NULL" : "'bio " + i + "'") + ", 'a" + i + "')");
            }
            Plan plan = PlanSteps.plan(dialect(), USERS, SPLIT, Map.of());
            assertThat(plan.steps()).extracting(Step::phase).containsExactly(Phase.EXPAND, Phase.APP_RELEASE_1,
                    Phase.BACKFILL, Phase.APP_RELEASE_2, Phase.CONTRACT);
            SchemaStep contract = (SchemaStep) plan.stepsIn(Phase.CONTRACT).get(0);
            for (Step step : plan.steps()) {
                if (step == contract) {
                    assertThat(db.count(contract.verifySql())).as("rows that differ before the contract").isZero();
                }
                PlanSteps.run(db, step);
                switch (step.phase()) {
                    case EXPAND -> { // v1.0 still runs: it knows only users
                        db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (101, 'n@x', 'b101', 'a101')");
                        db.execute("UPDATE users SET bio = 'v1.0 edit' WHERE id = 2");
                        assertThat(db.count("SELECT count(*) FROM user_profiles WHERE id = 101 AND bio = 'b101'"))
                                .isEqualTo(1);
                    }
                    case APP_RELEASE_1 -> { // v1.1 writes both shapes
                        db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (102, 'm@x', 'b102', 'a102')",
                                upsertProfile(102, "b102", "a102"));
                        db.execute("UPDATE users SET bio = 'v1.1 edit' WHERE id = 3", upsertProfile(3, "v1.1 edit",
                                "a3"));
                    }
                    case APP_RELEASE_2 -> { // v1.2 writes only user_profiles; v1.1 still runs beside it
                        db.execute("INSERT INTO users (id, email) VALUES (103, 'k@x')",
                                upsertProfile(103, "b103", "a103"));
                        db.execute("UPDATE user_profiles SET bio = 'v1.2 edit' WHERE id = 4");
                        db.execute("UPDATE users SET avatar_url = 'v1.1 avatar' WHERE id = 5");
                        db.execute("DELETE FROM users WHERE id = 6");
                        assertThat(db.column("SELECT bio FROM users WHERE id = 4")).containsExactly("v1.2 edit");
                        assertThat(db.column("SELECT bio FROM users WHERE id = 103")).containsExactly("b103");
                    }
                    default -> { }
                }
            }
            assertCatalog(db, plan.after(), "after the split");
            assertThat(db.rows("SELECT id, bio, avatar_url FROM user_profiles ORDER BY id")).containsExactly(
                    List.of("1", "bio 1", "a1"), List.of("2", "v1.0 edit", "a2"), List.of("3", "v1.1 edit", "a3"),
                    List.of("4", "v1.2 edit", "a4"), List.of("5", "bio 5", "v1.1 avatar"),
                    java.util.Arrays.asList("7", "bio 7", "a7"), List.of("8", "bio 8", "a8"),
                    java.util.Arrays.asList("9", null, "a9"), List.of("10", "bio 10", "a10"),
                    List.of("101", "b101", "a101"), List.of("102", "b102", "a102"), List.of("103", "b103", "a103"));
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(12);
        }
    }

    @Test
    void splitTableExpandRollsBackToStateA() {
        try (TestDatabase db = database()) {
            db.execute(USERS);
            db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (1, 'u@x', 'b', 'a')");
            Plan plan = PlanSteps.plan(dialect(), USERS, SPLIT, Map.of());
            PlanSteps.expandThenRollBack(db, plan);
            assertCatalog(db, plan.before(), "after the rollback");
            db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (2, 'v@x', 'b', 'a')");
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(2);
        }
    }

    @Test
    void mergeTableKeepsEveryValueAndEveryWriteMadeDuringTheMigration() {
        try (TestDatabase db = database()) {
            db.execute(MERGE_A.split(";\n"));
            for (int i = 1; i <= 8; i++) {
                db.execute("INSERT INTO users (id, email) VALUES (" + i + ", 'u" + i + "@x')");
                if (i != 8) {
                    db.execute("INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES (" + i + ", 'bio " + i
                            + "', 'a" + i + "')");
                }
            }
            Plan plan = PlanSteps.plan(dialect(), MERGE_A, MERGE, Map.of());
            SchemaStep contract = (SchemaStep) plan.stepsIn(Phase.CONTRACT).get(0);
            for (Step step : plan.steps()) {
                if (step == contract) {
                    assertThat(db.count(contract.verifySql())).as("rows that differ before the contract").isZero();
                }
                PlanSteps.run(db, step);
                switch (step.phase()) {
                    case EXPAND -> { // v1.0 knows only user_profiles
                        db.execute("INSERT INTO users (id, email) VALUES (101, 'n@x')",
                                "INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES (101, 'b101', 'a101')");
                        db.execute("UPDATE user_profiles SET bio = 'v1.0 edit' WHERE user_id = 2");
                        assertThat(db.column("SELECT bio FROM users WHERE id = 101")).containsExactly("b101");
                    }
                    case APP_RELEASE_2 -> { // v1.2 writes only users; v1.1 (profiles) still runs
                        db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (103, 'k@x', 'b103', 'a103')");
                        db.execute("UPDATE users SET bio = 'v1.2 edit' WHERE id = 4");
                        db.execute("UPDATE user_profiles SET avatar_url = 'v1.1 avatar' WHERE user_id = 5");
                        db.execute("DELETE FROM users WHERE id = 6");
                        assertThat(db.column("SELECT bio FROM user_profiles WHERE user_id = 4"))
                                .containsExactly("v1.2 edit");
                        assertThat(db.column("SELECT bio FROM user_profiles WHERE user_id = 103"))
                                .containsExactly("b103");
                    }
                    default -> { }
                }
            }
            assertCatalog(db, plan.after(), "after the merge");
            assertThat(db.rows("SELECT id, bio, avatar_url FROM users ORDER BY id")).containsExactly(
                    List.of("1", "bio 1", "a1"), List.of("2", "v1.0 edit", "a2"), List.of("3", "bio 3", "a3"),
                    List.of("4", "v1.2 edit", "a4"), List.of("5", "bio 5", "v1.1 avatar"),
                    List.of("7", "bio 7", "a7"), java.util.Arrays.asList("8", null, null),
                    List.of("101", "b101", "a101"), List.of("103", "b103", "a103"));
        }
    }

    @Test
    void mergeTableExpandRollsBackToStateA() {
        try (TestDatabase db = database()) {
            db.execute(MERGE_A.split(";\n"));
            Plan plan = PlanSteps.plan(dialect(), MERGE_A, MERGE, Map.of());
            PlanSteps.expandThenRollBack(db, plan);
            assertCatalog(db, plan.before(), "after the rollback");
        }
    }

    /** The catalog equals the model, tables in name order (information_schema does not keep creation order). */
    static void assertCatalog(TestDatabase db, dev.migrationstrategist.schema.Schema model, String when) {
        boolean mysql = !db.family().equals("postgresql");
        assertThat(dev.migrationstrategist.db.SchemaMatch.catalog(sorted(new PlanExecution(db).catalog()),
                sorted(model), mysql)).as("catalog " + when)
                .isEqualTo(dev.migrationstrategist.db.SchemaMatch.model(sorted(model), mysql));
    }

    private static dev.migrationstrategist.schema.Schema sorted(dev.migrationstrategist.schema.Schema s) {
        return new dev.migrationstrategist.schema.Schema(s.tables().stream()
                .sorted(java.util.Comparator.comparing(t -> t.name().lower())).toList(), s.enums());
    }
}
