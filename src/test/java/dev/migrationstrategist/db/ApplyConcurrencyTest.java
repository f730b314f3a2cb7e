package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One apply per plan and scope at a time; the same plan on another schema (another tenant) is not blocked. */
class ApplyConcurrencyTest {

    @Test
    @Tag("postgres")
    void postgresSecondApplyOfTheSamePlanIsRefusedButAnotherSchemaIsNot() throws Exception {
        try (TestDatabase a = TestDatabases.postgres(); TestDatabase b = TestDatabases.postgres()) {
            check(a, b, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbSecondApplyOfTheSamePlanIsRefusedButAnotherDatabaseIsNot() throws Exception {
        try (TestDatabase a = TestDatabases.mariadb(); TestDatabase b = TestDatabases.mariadb()) {
            check(a, b, "mariadb:10.11");
        }
    }

    private void check(TestDatabase a, TestDatabase b, String dialect) throws Exception {
        ApplyScenario.seed(a, 100);
        ApplyScenario.seed(b, 100);
        Path plan = ApplyScenario.writePlan(dialect, ApplyScenario.tempDir());
        PlanFile file = PlanFile.read(plan);
        try (Connection holder = a.newConnection()) {
            StateStore.lockPlan(holder, Database.dialectOf(holder), file.id()); // "another apply" of a
            StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(ApplyScenario.database(a), ApplyOptions.defaults(), ApplyLog.silent())
                            .apply(file, plan.toString()));
            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(refused.getMessage()).contains("is being applied to " + a.scope(), "nothing was done");
            assertThat(a.columns("users")).doesNotContain("full_name");

            ApplyResult other = new Applier(ApplyScenario.database(b), ApplyOptions.defaults(), ApplyLog.silent())
                    .apply(file, plan.toString());
            assertThat(other.ran()).containsExactly(1);
            assertThat(b.columns("users")).contains("full_name");
        }
        // an apply that returned has released its lock (not left for the server to drop with its connection), so a
        // rollback right after is not refused as "another session"
        new Applier(ApplyScenario.database(b), ApplyOptions.defaults(), ApplyLog.silent()).apply(file, plan.toString());
        try (Connection next = b.newConnection();
             StateStore.PlanLock held = StateStore.lockPlan(next, Database.dialectOf(next), file.id())) {
            assertThat(held.name()).contains(b.scope());
        }
    }
}
