package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rename that changes the type ({@code rename column users.code to code_num type bigint}: digits kept as text
 * become numbers), run for real as one expand/contract: State A with rows, every step in order with each app
 * version's writes between them (v1.0 writes only {@code code}, v1.1 both, v1.2 only {@code code_num} while v1.1
 * still runs and reads {@code code}), then the catalog equals State B and every value, old or written
 * mid-migration, is there converted. And expand → rollback → State A.
 */
abstract class RenameColumnTypeScenarios {
    static final String STATE_A = "CREATE TABLE users (id bigint PRIMARY KEY, code varchar(20) NOT NULL,"
            + " note varchar(50));\nCREATE INDEX users_code_idx ON users (code);";
    static final String RENAME = "rename column users.code to code_num type bigint";

    abstract TestDatabase database();

    abstract String dialect();

    @Test
    void renameColumnWithATypeConvertsEveryValueAndEveryWriteMadeDuringTheMigration() {
        try (TestDatabase db = database()) {
            db.execute(STATE_A.split(";\n"));
            for (int i = 1; i <= 10; i++) {
                db.execute("INSERT INTO users (id, code) VALUES (" + i + ", '00" + (i * 7) + "')");
            }
            Plan plan = PlanSteps.plan(dialect(), STATE_A, RENAME, Map.of());
            assertThat(plan.steps()).extracting(Step::phase).doesNotContainSequence(Phase.CONTRACT, Phase.CONTRACT)
                    .contains(Phase.EXPAND, Phase.APP_RELEASE_1, Phase.BACKFILL, Phase.CONSTRAIN, Phase.APP_RELEASE_2,
                            Phase.CONTRACT);
            assertThat(plan.steps()).as("one contract that drops the old column, no swap")
                    .filteredOn(s -> s.phase() == Phase.CONTRACT).hasSize(1);
            for (Step step : plan.steps()) {
                if (step instanceof SchemaStep s && s.verifySql() != null) {
                    assertThat(db.count(s.verifySql())).as("verify before step %d", s.number()).isZero();
                }
                PlanSteps.run(db, step);
                switch (step.phase()) {
                    case EXPAND -> { // v1.0 writes only code
                        db.execute("INSERT INTO users (id, code) VALUES (101, '0101')");
                        db.execute("UPDATE users SET code = '0042' WHERE id = 2");
                        assertThat(db.column("SELECT code_num FROM users WHERE id IN (2, 101) ORDER BY id"))
                                .containsExactly("42", "101");
                    }
                    case APP_RELEASE_1 -> { // v1.1 writes both, the new one as a number
                        db.execute("INSERT INTO users (id, code, code_num) VALUES (102, '102', 102)");
                        db.execute("UPDATE users SET code = '333', code_num = 333 WHERE id = 3");
                    }
                    case BACKFILL -> assertThat(db.count(((BackfillStep) step).remainingSql())).isZero();
                    case APP_RELEASE_2 -> { // v1.2 writes only code_num; v1.1 still runs and reads code
                        db.execute("INSERT INTO users (id, code_num, note) VALUES (103, 1030, 'v1.2')");
                        db.execute("UPDATE users SET code_num = 44 WHERE id = 4");
                        db.execute("UPDATE users SET code = '555', code_num = 555 WHERE id = 5");
                        db.execute("UPDATE users SET code = '0066' WHERE id = 6"); // v1.1 writing only code
                        assertThat(db.column("SELECT code FROM users WHERE id IN (4, 103) ORDER BY id"))
                                .containsExactly("44", "1030");
                    }
                    default -> { }
                }
            }
            SplitMergeScenarios.assertCatalog(db, plan.after(), "after the rename");
            assertThat(db.rows("SELECT id, code_num FROM users ORDER BY id")).containsExactly(
                    List.of("1", "7"), List.of("2", "42"), List.of("3", "333"), List.of("4", "44"),
                    List.of("5", "555"), List.of("6", "66"), List.of("7", "49"), List.of("8", "56"),
                    List.of("9", "63"), List.of("10", "70"), List.of("101", "101"), List.of("102", "102"),
                    List.of("103", "1030"));
            assertThat(db.count("SELECT count(*) FROM users WHERE code_num IS NULL")).isZero();
        }
    }

    @Test
    void renameColumnWithATypeExpandRollsBackToStateA() {
        try (TestDatabase db = database()) {
            db.execute(STATE_A.split(";\n"));
            db.execute("INSERT INTO users (id, code) VALUES (1, '007')");
            Plan plan = PlanSteps.plan(dialect(), STATE_A, RENAME, Map.of());
            PlanSteps.expandThenRollBack(db, plan);
            SplitMergeScenarios.assertCatalog(db, plan.before(), "after the rollback");
            db.execute("INSERT INTO users (id, code) VALUES (2, '008')");
            assertThat(db.rows("SELECT id, code FROM users ORDER BY id"))
                    .containsExactly(List.of("1", "007"), List.of("2", "008"));
        }
    }

    @Test
    void renameColumnWithAWiderTypeTakesALongValueFromTheNewReleaseWhileTheOldColumnWasNotNull() {
        String stateA = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(10) NOT NULL)";
        try (TestDatabase db = database()) {
            db.execute(stateA);
            db.execute("INSERT INTO users (id, email) VALUES (1, 'a@x.io')");
            Plan plan = PlanSteps.plan(dialect(), stateA, "rename column users.email to email_address type"
                    + " varchar(40)", Map.of());
            for (Step step : plan.steps()) {
                PlanSteps.run(db, step);
                if (step.phase() == Phase.APP_RELEASE_2) { // v1.2 writes a value the old varchar(10) cannot hold
                    db.execute("INSERT INTO users (id, email_address) VALUES (2, 'a-much-longer-address@example.org')");
                    assertThat(db.rows("SELECT id, email FROM users ORDER BY id")).as("what v1.1 reads")
                            .containsExactly(List.of("1", "a@x.io"), java.util.Arrays.asList("2", null));
                }
            }
            SplitMergeScenarios.assertCatalog(db, plan.after(), "after the rename");
            assertThat(db.rows("SELECT id, email_address FROM users ORDER BY id")).containsExactly(
                    List.of("1", "a@x.io"), List.of("2", "a-much-longer-address@example.org"));
        }
    }
}
