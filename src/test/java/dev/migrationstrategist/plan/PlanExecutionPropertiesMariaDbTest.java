package dev.migrationstrategist.plan;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

/**
 * {@link PlanExecutionPropertiesPostgresTest} on the real MariaDB 10.11: random valid change lists of every kind,
 * planned for MariaDB 10.6/10.11 and small or large tables, run step by step, then the catalog must be State B.
 */
@Tag("mariadb")
class PlanExecutionPropertiesMariaDbTest {

    @Provide
    Arbitrary<RandomMigrations.Scenario> scenarios() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.of("mariadb:10.6", "mariadb:10.11"),
                        Arbitraries.of(SyncMode.values()))
                .as((seed, dialect, sync) -> RandomMigrations.scenario(seed, dialect, sync, true));
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void aRandomPlanRunStepByStepLeavesTheCatalogThePlanPromises(@ForAll("scenarios") RandomMigrations.Scenario s) {
        try (TestDatabase db = TestDatabases.mariadb()) {
            PlanExecutionPropertiesPostgresTest.runAndCompare(db, s);
        }
    }

    /** Lists that start with a split, a merge or an ENUM column's new value (MariaDB has no enum types). */
    @Provide
    Arbitrary<RandomMigrations.Scenario> tableAndEnumScenarios() {
        return PlanExecutionPropertiesPostgresTest.focused(Arbitraries.of("mariadb:10.6", "mariadb:10.11"),
                "split_table", "merge_table", "add_enum_value");
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void aRandomPlanThatSplitsOrMergesATableOrChangesAnEnumRunStepByStepLeavesTheCatalogThePlanPromises(
            @ForAll("tableAndEnumScenarios") RandomMigrations.Scenario s) {
        try (TestDatabase db = TestDatabases.mariadb()) {
            PlanExecutionPropertiesPostgresTest.runAndCompare(db, s);
        }
    }
}
