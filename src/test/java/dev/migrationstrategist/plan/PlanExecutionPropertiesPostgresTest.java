package dev.migrationstrategist.plan;

import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random plans run on the real PostgreSQL: State A created and seeded, a random valid change list of every kind
 * planned (PostgreSQL 10 to 15 plans, small and large tables), every schema step's SQL run as {@code apply} runs it
 * (its verify query first), every backfill in keyset batches, app releases skipped; then the live catalog must be
 * the plan's State B, its enum types the generator's, and every table must hold the rows the generator expects.
 */
@Tag("postgres")
class PlanExecutionPropertiesPostgresTest {

    @Provide
    Arbitrary<RandomMigrations.Scenario> scenarios() {
        return Combinators.combine(Arbitraries.longs(),
                        Arbitraries.of("postgresql:10", "postgresql:11", "postgresql:12", "postgresql:15"),
                        Arbitraries.of(SyncMode.values()))
                .as((seed, dialect, sync) -> RandomMigrations.scenario(seed, dialect, sync, true));
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void aRandomPlanRunStepByStepLeavesTheCatalogThePlanPromises(@ForAll("scenarios") RandomMigrations.Scenario s) {
        try (TestDatabase db = TestDatabases.postgres()) {
            runAndCompare(db, s);
        }
    }

    /** Lists that add or drop a domain check first: State A has a domain used by t0 (and maybe t1). */
    @Provide
    Arbitrary<RandomMigrations.Scenario> domainCheckScenarios() {
        return focused(Arbitraries.of("postgresql:12", "postgresql:15"), "add_domain_check", "drop_domain_check");
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    void aRandomPlanThatStartsWithAddDomainCheckOrDropDomainCheckRunsStepByStepToTheCatalogThePlanPromises(
            @ForAll("domainCheckScenarios") RandomMigrations.Scenario s) {
        assertThat(s.kinds()).first().isIn("add_domain_check", "drop_domain_check");
        try (TestDatabase db = TestDatabases.postgres()) {
            runAndCompare(db, s);
        }
    }

    /** Lists that start with a split, a merge or an enum value change (rare in fully random lists). */
    @Provide
    Arbitrary<RandomMigrations.Scenario> tableAndEnumScenarios() {
        return focused(Arbitraries.of("postgresql:10", "postgresql:11", "postgresql:12", "postgresql:15"),
                "split_table", "merge_table", "add_enum_value", "rename_enum_value", "add_domain_check");
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void aRandomPlanThatSplitsOrMergesATableOrChangesAnEnumRunStepByStepLeavesTheCatalogThePlanPromises(
            @ForAll("tableAndEnumScenarios") RandomMigrations.Scenario s) {
        try (TestDatabase db = TestDatabases.postgres()) {
            runAndCompare(db, s);
        }
    }

    static Arbitrary<RandomMigrations.Scenario> focused(Arbitrary<String> dialects, String... kinds) {
        return Combinators.combine(Arbitraries.longs(), dialects, Arbitraries.of(SyncMode.values()),
                        Arbitraries.of(kinds))
                .as((seed, dialect, sync, kind) -> RandomMigrations.scenario(seed, dialect, sync, true, kind));
    }

    /** Creates and seeds State A, runs every step of the plan, compares the catalog and the rows with State B. */
    static void runAndCompare(TestDatabase db, RandomMigrations.Scenario s) {
        boolean mysql = !db.family().equals("postgresql");
        {
            db.execute(statements(s.ddl()));
            db.execute(RandomMigrations.seed(s.schema()));
            PlanOptions options = PlanOptions.defaults().withSync(s.sync()).withRows(s.rows()).withBatchSize(7);
            Plan plan = new Planner().plan(s.changes(), new PlanContext(s.schema(), s.dialect(), options));
            // A step that an online schema-change tool runs (MySQL/MariaDB ADD CHECK on a large table) has no SQL
            // to run here: such plans are left out rather than compared with a catalog the tool never changed.
            Assume.that(plan.steps().stream().noneMatch(st -> st instanceof SchemaStep x && x.sql().isEmpty()));
            PlanExecution run = new PlanExecution(db);
            // tables in name order: the catalog of MariaDB does not keep creation order (side0 sorts before t0)
            assertThat(SchemaMatch.catalog(byName(run.catalog()), byName(plan.before()), mysql))
                    .as("catalog State A of " + s).isEqualTo(SchemaMatch.model(byName(plan.before()), mysql));
            for (Step step : plan.steps()) {
                if (step instanceof SchemaStep schema) {
                    if (schema.verifySql() != null) {
                        assertThat(db.count(schema.verifySql())).as("verify before step %d of %s", step.number(), s)
                                .isZero();
                    }
                    try {
                        run.run(schema);
                    } catch (IllegalStateException e) {
                        throw new AssertionError("step " + step.number() + " of " + s + "\n" + e.getMessage(), e);
                    }
                } else if (step instanceof BackfillStep backfill) {
                    int batches = run.backfill(backfill, n -> { });
                    assertThat(batches).as("batches of step %d of %s", step.number(), s)
                            .isEqualTo((RandomMigrations.ROWS + 6) / 7);
                    if (backfill.remainingSql() != null) {
                        assertThat(db.count(backfill.remainingSql())).as("left after step %d", step.number()).isZero();
                    }
                }
            }
            // Column order is not compared: a swap or an expand/contract rename adds the new column last, while the
            // model keeps the column in its place (the plan's State B says nothing about order).
            assertThat(SchemaMatch.catalog(byName(run.catalog()), byName(plan.after()), mysql))
                    .as("catalog State B of " + s).isEqualTo(SchemaMatch.model(byName(plan.after()), mysql));
            assertThat(PlanInvariantsPropertiesTest.enums(run.catalog())).as("enum types of State B of " + s)
                    .isEqualTo(PlanInvariantsPropertiesTest.enums(plan.after())).isEqualTo(s.enums());
            assertThat(PlanInvariantsPropertiesTest.domains(run.catalog())).as("domains of State B of " + s)
                    .isEqualTo(PlanInvariantsPropertiesTest.domains(plan.after())).isEqualTo(s.domains());
            for (Map.Entry<String, Long> table : s.rowsAfter().entrySet()) {
                assertThat(db.count("SELECT count(*) FROM " + table.getKey())).as("rows of %s after %s",
                        table.getKey(), s).isEqualTo(table.getValue());
            }
        }
    }

    /** The same schema with its tables, and every table's columns, in name order. */
    static Schema byName(Schema schema) {
        return new Schema(schema.tables().stream().sorted(Comparator.comparing(t -> t.name().lower())).map(t -> new Table(t.name(), t.columns().stream()
                .sorted(Comparator.comparing(c -> c.name().lower())).toList(), t.constraints(), t.indexes()))
                .toList(), schema.enums(), schema.domains());
    }

    static List<String> statements(String ddl) {
        return Arrays.stream(ddl.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
