package dev.migrationstrategist.db;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** At each release apply names the phase to pass to --through next: the plan's own next step's. */
@Tag("postgres")
class ApplyReleaseAdviceTest {

    @Test
    void eachReleaseNamesThePlansNextPhase() {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 50);
            PlanFile plan = PlanFile.read(ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir()));
            Database database = ApplyScenario.database(db);

            ApplyResult first = new Applier(database, ApplyOptions.defaults(), ApplyLog.silent()).apply(plan, "p");
            assertThat(first.reason()).contains("--through backfill");

            ApplyResult second = new Applier(database, ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_2),
                    ApplyLog.silent()).apply(plan, "p");
            // the trigger-synced rename has no third release: after v1.2 comes the contract
            assertThat(second.reason()).contains("--through contract").doesNotContain("app_release_3");
        }
    }
}
