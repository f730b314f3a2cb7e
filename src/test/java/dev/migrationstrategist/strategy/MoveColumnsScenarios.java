package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A move of columns into an existing 1:1 table, run for real: State A with rows in both tables (some users without
 * a profile row), every step in order with each app version's writes between the steps (v1.0 knows only
 * {@code users.bio/avatar_url} and inserts profile rows without them, v1.1 writes both and upserts, v1.2 writes
 * only the profile while v1.1 still runs), the verify gate at 0 before the contract; then the catalog equals State
 * B and every value, old or written mid-migration, is in the profile row, next to the columns it already had. And
 * expand → rollback → State A.
 */
abstract class MoveColumnsScenarios {
    static final String STATE_A = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, bio text,"
            + " avatar_url varchar(200) NOT NULL DEFAULT '');\n"
            + "CREATE TABLE user_profiles (user_id bigint PRIMARY KEY, twitter varchar(50), CONSTRAINT"
            + " user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);";
    static final String MOVE = "move columns bio, avatar_url from users to user_profiles";

    abstract TestDatabase database();

    abstract String dialect();

    /** An upsert of the moved values as v1.1/v1.2 write them (the other columns of the row are kept). */
    abstract String upsertProfile(long id, String bio, String avatar);

    @Test
    void moveColumnsKeepsEveryValueAndEveryWriteMadeDuringTheMigration() {
        try (TestDatabase db = database()) {
            db.execute(STATE_A.split(";\n"));
            for (int i = 1; i <= 10; i++) {
                db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (" + i + ", 'u" + i + "@x', "
                        + (i % 3 == 0 ? "NULL" : "'bio " + i + "'") + ", 'a" + i + "')");
                if (i <= 5) {
                    db.execute("INSERT INTO user_profiles (user_id, twitter) VALUES (" + i + ", 't" + i + "')");
                }
            }
            Plan plan = PlanSteps.plan(dialect(), STATE_A, MOVE, Map.of());
            assertThat(plan.steps()).extracting(Step::phase).containsExactly(Phase.EXPAND, Phase.APP_RELEASE_1,
                    Phase.BACKFILL, Phase.APP_RELEASE_2, Phase.CONTRACT);
            SchemaStep contract = (SchemaStep) plan.stepsIn(Phase.CONTRACT).get(0);
            for (Step step : plan.steps()) {
                if (step == contract) {
                    assertThat(db.count(contract.verifySql())).as("rows that differ before the contract").isZero();
                }
                PlanSteps.run(db, step);
                switch (step.phase()) {
                    case EXPAND -> { // v1.0 still runs: bio and avatar_url live in users; it inserts profile rows
                        db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (101, 'n@x', 'b101', 'a101')",
                                "INSERT INTO user_profiles (user_id, twitter) VALUES (101, 't101')");
                        db.execute("UPDATE users SET bio = 'v1.0 edit' WHERE id = 2");
                        db.execute("UPDATE users SET bio = 'v1.0 edit 7' WHERE id = 7"); // no profile row yet
                        db.execute("UPDATE user_profiles SET twitter = 't3x' WHERE user_id = 3");
                        // v1.0 updates another column of a profile row not backfilled yet: the empty moved
                        // columns of that row must not be copied over what users holds
                        db.execute("UPDATE user_profiles SET twitter = 't4x' WHERE user_id = 4");
                        assertThat(db.rows("SELECT bio, avatar_url FROM users WHERE id IN (3, 4) ORDER BY id"))
                                .containsExactly(Arrays.asList(null, "a3"), List.of("bio 4", "a4"));
                        assertThat(db.rows("SELECT bio, avatar_url FROM user_profiles WHERE user_id IN (2, 101)"
                                + " ORDER BY user_id")).containsExactly(List.of("v1.0 edit", "a2"),
                                List.of("b101", "a101"));
                        assertThat(db.count("SELECT count(*) FROM user_profiles WHERE user_id = 7")).isZero();
                    }
                    case APP_RELEASE_1 -> { // v1.1 writes both shapes
                        db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (102, 'm@x', 'b102', 'a102')",
                                upsertProfile(102, "b102", "a102"));
                        db.execute("UPDATE users SET bio = 'v1.1 edit' WHERE id = 3",
                                upsertProfile(3, "v1.1 edit", "a3"));
                    }
                    case BACKFILL -> assertThat(db.count(((dev.migrationstrategist.plan.BackfillStep) step)
                            .remainingSql())).isZero();
                    case APP_RELEASE_2 -> { // v1.2 writes only user_profiles; v1.1 still runs beside it
                        db.execute("INSERT INTO users (id, email) VALUES (103, 'k@x')",
                                upsertProfile(103, "b103", "a103"));
                        db.execute("UPDATE user_profiles SET bio = 'v1.2 edit' WHERE user_id = 4");
                        db.execute("UPDATE users SET avatar_url = 'v1.1 avatar' WHERE id = 5");
                        db.execute("DELETE FROM users WHERE id = 6");
                        assertThat(db.column("SELECT bio FROM users WHERE id = 4")).containsExactly("v1.2 edit");
                        assertThat(db.column("SELECT bio FROM users WHERE id = 103")).containsExactly("b103");
                        assertThat(db.column("SELECT avatar_url FROM user_profiles WHERE user_id = 5"))
                                .containsExactly("v1.1 avatar");
                    }
                    default -> { }
                }
            }
            SplitMergeScenarios.assertCatalog(db, plan.after(), "after the move");
            assertThat(db.rows("SELECT user_id, twitter, bio, avatar_url FROM user_profiles ORDER BY user_id"))
                    .containsExactly(List.of("1", "t1", "bio 1", "a1"), List.of("2", "t2", "v1.0 edit", "a2"),
                            List.of("3", "t3x", "v1.1 edit", "a3"), List.of("4", "t4x", "v1.2 edit", "a4"),
                            List.of("5", "t5", "bio 5", "v1.1 avatar"), Arrays.asList("7", null, "v1.0 edit 7", "a7"),
                            Arrays.asList("8", null, "bio 8", "a8"), Arrays.asList("9", null, null, "a9"),
                            Arrays.asList("10", null, "bio 10", "a10"), List.of("101", "t101", "b101", "a101"),
                            Arrays.asList("102", null, "b102", "a102"), Arrays.asList("103", null, "b103", "a103"));
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(12);
        }
    }

    @Test
    void moveColumnsExpandRollsBackToStateA() {
        try (TestDatabase db = database()) {
            db.execute(STATE_A.split(";\n"));
            db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (1, 'u@x', 'b', 'a')",
                    "INSERT INTO user_profiles (user_id, twitter) VALUES (1, 't')");
            Plan plan = PlanSteps.plan(dialect(), STATE_A, MOVE, Map.of());
            PlanSteps.expandThenRollBack(db, plan);
            SplitMergeScenarios.assertCatalog(db, plan.before(), "after the rollback");
            db.execute("INSERT INTO users (id, email, bio, avatar_url) VALUES (2, 'v@x', 'b', 'a')",
                    "INSERT INTO user_profiles (user_id, twitter) VALUES (2, 't2')");
            assertThat(db.rows("SELECT id, bio, avatar_url FROM users ORDER BY id"))
                    .containsExactly(List.of("1", "b", "a"), List.of("2", "b", "a"));
        }
    }
}
