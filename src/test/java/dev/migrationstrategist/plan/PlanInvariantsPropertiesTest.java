package dev.migrationstrategist.plan;

import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Table;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants every plan keeps, over random small schemas and random change lists of every kind
 * ({@link RandomMigrations}), on PostgreSQL, MySQL and MariaDB at several versions and table sizes: steps numbered
 * 1..n in phase order, a rollback for every step, a lock timeout first in every blocking step, ALGORITHM and LOCK on
 * every MySQL/MariaDB ALTER TABLE, CONCURRENTLY alone in a non-transactional step, and the plan's State B equal to
 * the State B the generator computed on its own.
 */
class PlanInvariantsPropertiesTest {
    private static final Pattern TAKES_TABLE_LOCK = Pattern.compile(
            "(?s)^(ALTER TABLE|CREATE (OR REPLACE )?TRIGGER|DROP TRIGGER|DROP TABLE|RENAME TABLE|LOCK TABLES"
                    + "|CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)|DROP INDEX (?!CONCURRENTLY)).*");

    @Provide
    Arbitrary<RandomMigrations.Scenario> scenarios() {
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<String> dialect = Arbitraries.of("postgresql:10", "postgresql:11", "postgresql:12",
                "postgresql:15", "mysql:5.7", "mysql:8.0", "mysql:8.0.29", "mysql:8.4", "mariadb:10.3", "mariadb:10.6",
                "mariadb:10.11");
        Arbitrary<SyncMode> sync = Arbitraries.of(SyncMode.values());
        // half the lists start with a change of a given kind, so that every kind is planned often
        Arbitrary<String> focus = Arbitraries.of(Change.kinds()).injectNull(0.5);
        return Combinators.combine(seed, dialect, sync, focus)
                .as((s, d, m, f) -> RandomMigrations.scenario(s, d, m, true, f));
    }

    static Plan plan(RandomMigrations.Scenario s) {
        PlanOptions options = PlanOptions.defaults().withSync(s.sync()).withRows(s.rows());
        return new Planner().plan(s.changes(), new PlanContext(s.schema(), s.dialect(), options));
    }

    @Example
    void theGeneratorMakesEveryChangeKind() {
        List<Class<?>> kinds = Arrays.asList(Change.class.getPermittedSubclasses());
        assertThat(new ArrayList<Class<?>>(RandomMigrations.KNOWN))
                .as("RandomMigrations has a maker for every change kind of Change's permits clause")
                .containsExactlyInAnyOrderElementsOf(kinds);
    }

    /**
     * Kinds a dialect family refuses, so no random list of it has them: MySQL/MariaDB have no enum types, and an
     * ENUM column's value is renamed by changing the column's type (which copies the table and rewrites the rows).
     */
    static final Map<String, java.util.Set<String>> NOT_IN_FAMILY = Map.of(
            "mysql", java.util.Set.of("rename_enum_value", "add_domain_check", "drop_domain_check"),
            "mariadb", java.util.Set.of("rename_enum_value", "add_domain_check", "drop_domain_check"));

    @Example
    void randomListsReachEveryKindOnEveryDialectFamily() {
        for (String dialect : List.of("postgresql:15", "mysql:8.0", "mariadb:10.11")) {
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (long seed = 0; seed < 300; seed++) {
                seen.addAll(RandomMigrations.scenario(seed, dialect, SyncMode.TRIGGER, true).kinds());
            }
            java.util.Set<String> excluded = NOT_IN_FAMILY.getOrDefault(dialect.split(":")[0], java.util.Set.of());
            assertThat(seen).as(dialect).containsExactlyInAnyOrderElementsOf(Change.kinds().stream()
                    .filter(k -> !excluded.contains(k)).toList());
        }
    }

    @Property(tries = 400)
    void stepsAreNumberedOneToNInPhaseOrderWithOneReleaseEach(@ForAll("scenarios") RandomMigrations.Scenario s) {
        Plan plan = plan(s);
        assertThat(plan.steps()).as(s.toString()).isNotEmpty();
        for (int i = 0; i < plan.steps().size(); i++) {
            assertThat(plan.steps().get(i).number()).as(s.toString()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(plan.steps().get(i).phase()).as("step %d of %s", i + 1, s)
                        .isGreaterThanOrEqualTo(plan.steps().get(i - 1).phase());
            }
        }
        assertThat(plan.stepsIn(Phase.APP_RELEASE_1)).as(s.toString()).hasSizeLessThanOrEqualTo(1);
        assertThat(plan.stepsIn(Phase.APP_RELEASE_2)).as(s.toString()).hasSizeLessThanOrEqualTo(1);
    }

    @Property(tries = 400)
    void everyStepHasARollback(@ForAll("scenarios") RandomMigrations.Scenario s) {
        for (Step step : plan(s).steps()) {
            Rollback r = step.rollback();
            assertThat(r).as("step %d of %s", step.number(), s).isNotNull();
            assertThat(r.note()).as("step %d of %s", step.number(), s).isNotBlank();
            if (r.irreversible()) {
                assertThat(step.phase()).as("irreversible step %d of %s", step.number(), s)
                        .isEqualTo(Phase.CONTRACT);
            }
        }
    }

    @Property(tries = 400)
    void everyBlockingStatementRunsAfterALockTimeout(@ForAll("scenarios") RandomMigrations.Scenario s) {
        Plan plan = plan(s);
        String timeout = s.dialect().lockTimeoutStatement(plan.options().lockTimeout());
        for (SchemaStep step : schemaSteps(plan)) {
            boolean locks = step.sql().stream().anyMatch(q -> TAKES_TABLE_LOCK.matcher(q.strip()).matches()
                    && !q.contains(" VALIDATE CONSTRAINT ")); // SHARE UPDATE EXCLUSIVE: reads and writes go on
            if (locks) {
                assertThat(step.blocking()).as("step %d takes a table lock: %s\n%s", step.number(), step.sql(), s)
                        .isTrue();
            }
            if (step.blocking()) {
                assertThat(step.sql()).as("step %d of %s", step.number(), s).isNotEmpty();
                assertThat(step.sql().get(0)).as("first statement of step %d of %s", step.number(), s)
                        .isEqualTo(timeout);
            }
        }
    }

    @Property(tries = 400)
    void everyMysqlAndMariaDbAlterNamesAlgorithmAndLock(@ForAll("scenarios") RandomMigrations.Scenario s) {
        if (s.dialect().name().equals("postgresql")) {
            return;
        }
        for (SchemaStep step : schemaSteps(plan(s))) {
            List<String> all = new ArrayList<>(step.sql());
            all.addAll(step.rollback().sql());
            for (String sql : all) {
                if (sql.strip().startsWith("ALTER TABLE")) {
                    assertThat(sql).as("step %d of %s", step.number(), s).contains("ALGORITHM=", "LOCK=");
                }
            }
        }
    }

    @Property(tries = 400)
    void concurrentlyRunsAloneOutsideATransaction(@ForAll("scenarios") RandomMigrations.Scenario s) {
        for (SchemaStep step : schemaSteps(plan(s))) {
            if (step.sql().stream().anyMatch(q -> q.contains("CONCURRENTLY"))) {
                assertThat(step.sql()).as("step %d of %s", step.number(), s).hasSize(1);
                assertThat(step.transactional()).as("step %d of %s", step.number(), s).isFalse();
            }
        }
    }

    @Property(tries = 400)
    void thePlansStateBIsTheOneTheGeneratorComputed(@ForAll("scenarios") RandomMigrations.Scenario s) {
        Plan plan = plan(s);
        assertThat(shape(plan.after().tables())).as(s.toString()).isEqualTo(s.expected());
        assertThat(enums(plan.after())).as("enum types of State B of %s", s).isEqualTo(s.enums());
        assertThat(domains(plan.after())).as("domains of State B of %s", s).isEqualTo(s.domains());
    }

    /** domain → check name → valid, as the generator states State B's domains. */
    static Map<String, Map<String, Boolean>> domains(dev.migrationstrategist.schema.Schema schema) {
        Map<String, Map<String, Boolean>> out = new TreeMap<>();
        schema.domains().forEach(d -> {
            Map<String, Boolean> checks = new TreeMap<>();
            d.checks().forEach(c -> checks.put(c.name().name(), c.valid()));
            out.put(d.name().name(), checks);
        });
        return out;
    }

    /** type → values in order, as the generator states State B's enum types. */
    static Map<String, List<String>> enums(dev.migrationstrategist.schema.Schema schema) {
        Map<String, List<String>> out = new TreeMap<>();
        schema.enums().forEach(e -> out.put(e.name().name(), e.values()));
        return out;
    }

    /**
     * table → column → "canonical-type null|not null", as the generator states State B. A nullable column with a
     * valid {@code CHECK (col IS NOT NULL)} is NOT NULL (PostgreSQL before 12 keeps the check instead of the flag).
     */
    static Map<String, Map<String, String>> shape(List<Table> tables) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Table t : tables) {
            Map<String, String> cols = new TreeMap<>();
            for (Column c : t.columns()) {
                boolean enforced = t.constraints().stream().anyMatch(k -> k instanceof Constraint.Check check
                        && check.valid() && check.columns().size() == 1 && check.columns().get(0).sameAs(c.name())
                        && check.expression().replaceAll("\\s+", " ").trim()
                        .equalsIgnoreCase(c.name().name() + " IS NOT NULL"));
                cols.put(c.name().name(), c.type().canonical() + (c.nullable() && !enforced ? " null" : " not null"));
            }
            out.put(t.name().name(), cols);
        }
        return out;
    }

    static List<SchemaStep> schemaSteps(Plan plan) {
        return plan.steps().stream().filter(SchemaStep.class::isInstance).map(SchemaStep.class::cast).toList();
    }
}
