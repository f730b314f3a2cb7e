package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the person on call sees: status, a contract refused by verification, long transactions, no passwords. */
class ApplyOperatorViewTest {

    @Test
    @Tag("postgres")
    void statusShowsEveryStepWithItsStateAndTheBackfillCheckpoint() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 3_000);
            Path plan = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            new Applier(ApplyScenario.database(db), ApplyOptions.defaults().withThrough(Phase.BACKFILL),
                    ApplyLog.silent()).apply(PlanFile.read(plan), plan.toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "status", "--db", db.jdbcUrl(), "--user",
                    db.user());
            assertThat(code).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.get(0)).startsWith("plan ").contains("postgresql:15", "5 steps", plan.toString());
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("1", "expand", "done"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("2", "app_release_1", "passed"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("3", "backfill", "done", "rows 2,700"
                    .replace(",", "")));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("5", "contract", "pending"));
        }
    }

    @Test
    @Tag("postgres")
    void aContractIsRefusedAndChangesNothingWhenTheBackfillNoLongerVerifies() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 1_000);
            Path plan = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            PlanFile file = PlanFile.read(plan);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.BACKFILL), ApplyLog.silent())
                    .apply(file, "p");
            // someone wrote around the sync trigger: the two columns differ on one row
            db.execute("ALTER TABLE users DISABLE TRIGGER USER", "UPDATE users SET name = 'drifted' WHERE id = 7",
                    "ALTER TABLE users ENABLE TRIGGER USER");
            StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true),
                            ApplyLog.silent()).apply(file, "p"));
            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(refused.getMessage()).contains("1 rows of users still differ", "since the backfill finished",
                    "nothing was dropped").doesNotContain("\n");
            assertThat(db.columns("users")).contains("name", "full_name");
            assertThat(db.column("SELECT status FROM strategist_steps WHERE step = 5")).containsExactly("pending");
        }
    }

    @Test
    @Tag("postgres")
    void aTransactionOpenLongerThanTheThresholdIsReportedWithItsAge() throws Exception {
        try (TestDatabase db = TestDatabases.postgres(); Connection open = db.newConnection();
             Connection probe = db.newConnection()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)");
            open.setAutoCommit(false);
            try (Statement st = open.createStatement()) {
                st.execute("SELECT count(*) FROM t");
            }
            Thread.sleep(1_500);
            List<Finding> found = LiveState.longTransactions(probe, true, 1);
            assertThat(found).anySatisfy(f -> {
                assertThat(f.rule()).isEqualTo("long-running-transaction");
                assertThat(f.message()).containsPattern("open for [1-9]\\d* s");
            });
            open.rollback();
        }
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheOutput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "status", "--db",
                "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2");
        assertThat(code).isEqualTo(2);
        assertThat(out + err.toString()).doesNotContain("hunter2").contains("password=***");
        code = Main.run(new PrintWriter(out), new PrintWriter(err), "apply", "--db",
                "jdbc:mariadb://u:hunter2@127.0.0.1:1/x", "--plan", "examples/rename-column/change.sql");
        assertThat(code).isEqualTo(2);
        assertThat(out + err.toString()).doesNotContain("hunter2");
    }
}
