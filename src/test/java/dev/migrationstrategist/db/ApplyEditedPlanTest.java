package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apply plans the file's changes again and refuses a file whose steps are not what the planner gives (exit 1, the
 * first differing step and field named, nothing run, nothing written to the state tables); with
 * {@code --accept-edited-plan} it runs the file as it is, says so, and records it in strategist_plans (a table of an
 * older version gets the column first).
 */
class ApplyEditedPlanTest {

    /**
     * The rename plan with {@code DROP COLUMN email} appended to step 1, as an editor who knows the format would: the
     * statement and its SQL (an edit of the SQL text alone is refused earlier, as not what its statement renders).
     */
    static void dropColumnAppended(ObjectNode root) {
        ((ArrayNode) root.at("/steps/0/sql")).add("ALTER TABLE users DROP COLUMN email;");
        ObjectNode drop = ((ArrayNode) root.at("/steps/0/statements")).addObject();
        drop.put("kind", "drop_columns").put("table", "users").putNull("online");
        drop.putArray("columns").add("email");
    }

    /** The rename plan without its first app release, the steps renumbered (and the rollback advice with them). */
    static void releaseDeleted(ObjectNode root) {
        ArrayNode steps = (ArrayNode) root.get("steps");
        steps.remove(1);
        for (int i = 0; i < steps.size(); i++) {
            ((ObjectNode) steps.get(i)).put("number", i + 1);
        }
        ArrayNode rollback = (ArrayNode) root.get("rollback");
        for (int i = rollback.size() - 1; i >= 0; i--) {
            ObjectNode r = (ObjectNode) rollback.get(i);
            int n = r.get("if_step_fails").asInt();
            if (n == 2) {
                rollback.remove(i);
            } else if (n > 2) {
                r.put("if_step_fails", n - 1);
            }
        }
    }

    /** The rename plan with a lock timeout of one hour in step 1. */
    static void lockTimeoutChanged(ObjectNode root) {
        ArrayNode sql = (ArrayNode) root.at("/steps/0/sql");
        String first = sql.get(0).asText();
        sql.set(0, first.startsWith("SET lock_timeout") ? "SET lock_timeout = '3600s';"
                : "SET SESSION lock_wait_timeout = 3600;");
        ((ObjectNode) root.at("/steps/0/statements/0")).put("milliseconds", 3_600_000);
    }

    @Test
    @Tag("postgres")
    void aDropColumnAppendedToStep1IsRefusedThenAcceptedAndRecorded() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            refusedThenAccepted(db, "postgresql:15", ApplyEditedPlanTest::dropColumnAppended,
                    "step 1 sql[", "the file has `ALTER TABLE users DROP COLUMN email;`, planning the changes"
                            + " again gives nothing");
            assertThat(db.columns("users")).as("the accepted file ran as it is").doesNotContain("email");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbADropColumnAppendedToStep1IsRefusedThenAcceptedAndRecorded() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            refusedThenAccepted(db, "mariadb:10.11", ApplyEditedPlanTest::dropColumnAppended,
                    "step 1 sql[", "the file has `ALTER TABLE users DROP COLUMN email;`");
            assertThat(db.columns("users")).doesNotContain("email");
        }
    }

    @Test
    @Tag("postgres")
    void aDeletedReleaseStepIsRefusedThenAcceptedAndRecorded() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            refusedThenAccepted(db, "postgresql:15", ApplyEditedPlanTest::releaseDeleted,
                    "step 2 phase: the file has `backfill`, planning the changes again gives `app_release_1`");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbAChangedLockTimeoutIsRefusedThenAcceptedAndRecorded() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            refusedThenAccepted(db, "mariadb:10.11", ApplyEditedPlanTest::lockTimeoutChanged,
                    "step 1 sql[0]: the file has `SET SESSION lock_wait_timeout = 3600;`");
        }
    }

    @Test
    @Tag("postgres")
    void aChangedLockTimeoutIsAcceptedIntoAStateTableOfAnOlderVersion() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            // strategist_plans as versions before accepted_edit created it
            db.execute("CREATE TABLE strategist_plans (plan_id VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " source VARCHAR(1000), dialect VARCHAR(40), step_count INT NOT NULL, first_seen timestamptz)");
            refusedThenAccepted(db, "postgresql:15", ApplyEditedPlanTest::lockTimeoutChanged,
                    "step 1 sql[0]: the file has `SET lock_timeout = '3600s';`, planning the changes again gives"
                            + " `SET lock_timeout = '2s';`");
        }
    }

    @Test
    @Tag("postgres")
    void aPlanWithoutStateAIsRefusedUnlessAccepted() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            refusedThenAccepted(db, "postgresql:15", root -> root.remove("state_a"),
                    "it has no state_a (written before plans carried their State A)");
        }
    }

    private static void refusedThenAccepted(TestDatabase db, String dialect, Consumer<ObjectNode> edit,
                                            String... named) throws Exception {
        ApplyScenario.seed(db, 50);
        Path original = ApplyScenario.writePlan(dialect, ApplyScenario.tempDir());
        ObjectNode root = ProofRun.json(original);
        edit.accept(root);
        Path edited = ProofRun.write(original, root, "edited.json");
        var tablesBefore = ProofRun.stateTables(db);

        Cli refused = ProofRun.apply(db, edited);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("does not prove itself").contains(named)
                .contains("nothing was run", "--accept-edited-plan");
        assertThat(ProofRun.triggers(db)).as("nothing ran").isZero();
        assertThat(db.columns("users")).containsExactly("id", "name", "email", "created_at");
        assertThat(ProofRun.stateTables(db)).as("nothing written to the state tables").isEqualTo(tablesBefore);

        Cli accepted = ProofRun.apply(db, edited, "--accept-edited-plan");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).contains("warning: plan ", "does not prove itself", "--accept-edited-plan");
        String planId = PlanFile.read(edited).id();
        // the plan id is the hash of the steps: edited steps make another plan; state_a does not enter it
        boolean stepsEdited = !root.get("steps").equals(ProofRun.json(original).get("steps"));
        assertThat(planId.equals(PlanFile.read(original).id())).isEqualTo(!stepsEdited);
        String recorded = db.column("SELECT accepted_edit FROM strategist_plans WHERE plan_id = '" + planId + "'")
                .get(0);
        assertThat(recorded).contains(named);
        assertThat(ProofRun.triggers(db)).as("step 1 ran").isPositive();
    }
}
