package dev.migrationstrategist.proof;

import dev.migrationstrategist.rederive.Rederivation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.plan.RandomMigrations;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.report.JsonReport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random State A schemas and change lists of every kind (the generator of the planner's property tests), on every
 * dialect and several versions: the JSON a plan is written as carries enough (state_a, created_tables, options,
 * changes) to plan it again to the very same steps, and its fingerprint is the one its own content gives.
 */
class RederivationPropertiesTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<RandomMigrations.Scenario> scenarios() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.of("postgresql:10", "postgresql:12",
                        "postgresql:15", "mysql:5.7", "mysql:8.0", "mariadb:10.3", "mariadb:10.11"),
                        Arbitraries.of(SyncMode.values()), Arbitraries.of(Change.kinds()).injectNull(0.5))
                .as((s, d, m, f) -> RandomMigrations.scenario(s, d, m, true, f));
    }

    @Property(tries = 300)
    void aPlanWrittenAsJsonPlansAgainToTheSameSteps(@ForAll("scenarios") RandomMigrations.Scenario s)
            throws Exception {
        PlanOptions options = PlanOptions.defaults().withSync(s.sync()).withRows(s.rows());
        Plan plan = new Planner().plan(s.changes(), new PlanContext(s.schema(), s.dialect(), options));
        PlanEvidence evidence = PlanEvidence.read(MAPPER.readTree(new JsonReport().render(plan)), "plan");
        assertThat(evidence.computedFingerprint()).isEqualTo(evidence.fingerprint());
        assertThat(Rederivation.firstDifference(evidence)).as(s.toString()).isEmpty();
    }
}
