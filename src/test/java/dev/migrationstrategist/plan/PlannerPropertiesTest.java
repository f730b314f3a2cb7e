package dev.migrationstrategist.plan;

import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants every plan keeps, over random small schemas and random change lists: numbering, phase order,
 * rollbacks, lock timeouts before blocking statements, and State B as the changes define it.
 */
class PlannerPropertiesTest {

    /** A random schema with random changes and the State B the changes must lead to, computed independently. */
    record Scenario(Schema schema, List<Change> changes, Map<String, List<String>> expectedColumns, Dialect dialect,
                    SyncMode sync, Map<String, Long> rows) {
    }

    @Property(tries = 300)
    void stepsAreNumberedOneToNInPhaseOrder(@ForAll("scenarios") Scenario s) {
        Plan plan = plan(s);
        for (int i = 0; i < plan.steps().size(); i++) {
            assertThat(plan.steps().get(i).number()).isEqualTo(i + 1);
        }
        for (int i = 1; i < plan.steps().size(); i++) {
            assertThat(plan.steps().get(i).phase().ordinal())
                    .as("phase of step %d after step %d", i + 1, i)
                    .isGreaterThanOrEqualTo(plan.steps().get(i - 1).phase().ordinal());
        }
        assertThat(plan.stepsIn(Phase.APP_RELEASE_1)).hasSizeLessThanOrEqualTo(1);
        assertThat(plan.stepsIn(Phase.APP_RELEASE_2)).hasSizeLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void everyStepHasARollbackThatSaysWhatToDo(@ForAll("scenarios") Scenario s) {
        for (Step step : plan(s).steps()) {
            Rollback r = step.rollback();
            assertThat(r.note()).isNotBlank();
            if (r.irreversible()) {
                assertThat(r.note()).contains("irreversible");
                assertThat(step.phase()).isEqualTo(Phase.CONTRACT);
            }
        }
    }

    @Property(tries = 300)
    void everyBlockingStatementOnALargeTableRunsAfterALockTimeout(@ForAll("scenarios") Scenario s) {
        Plan plan = plan(s);
        String timeout = s.dialect().lockTimeoutStatement(plan.options().lockTimeout());
        for (Step step : plan.steps()) {
            if (step instanceof SchemaStep schema && schema.blocking()) {
                assertThat(schema.sql().get(0)).as("first statement of step %d", step.number()).isEqualTo(timeout);
            }
            if (step instanceof SchemaStep schema && schema.sql().stream().anyMatch(PlannerPropertiesTest::takesLock)) {
                assertThat(schema.blocking()).as("step %d has a statement that takes a table lock", step.number())
                        .isTrue();
            }
        }
    }

    @Property(tries = 300)
    void theModelAfterThePlanIsStateB(@ForAll("scenarios") Scenario s) {
        Plan plan = plan(s);
        for (Map.Entry<String, List<String>> e : s.expectedColumns().entrySet()) {
            Table t = plan.after().table(Ident.of(e.getKey())).orElseThrow();
            assertThat(t.columns().stream().map(c -> c.name().name()).sorted().toList())
                    .isEqualTo(e.getValue().stream().sorted().toList());
        }
    }

    @Property(tries = 200)
    void theSyncModeDecidesWhoKeepsTheOldColumnCurrent(@ForAll("scenarios") Scenario s) {
        Plan plan = plan(s);
        boolean triggerInstalled = plan.stepsIn(Phase.EXPAND).stream()
                .flatMap(st -> ((SchemaStep) st).sql().stream()).anyMatch(sql -> sql.startsWith("CREATE TRIGGER"));
        assertThat(triggerInstalled).isEqualTo(s.sync() == SyncMode.TRIGGER);
        if (s.sync() == SyncMode.APP) {
            AppReleaseStep release = (AppReleaseStep) plan.stepsIn(Phase.APP_RELEASE_2).get(0);
            for (Change c : s.changes()) {
                RenameColumn r = (RenameColumn) c;
                assertThat(release.writes()).contains(r.table() + "." + r.column());
            }
        }
    }

    private static boolean takesLock(String sql) {
        return sql.startsWith("ALTER TABLE") || sql.startsWith("CREATE TRIGGER") || sql.startsWith("DROP TRIGGER");
    }

    private static Plan plan(Scenario s) {
        PlanOptions options = PlanOptions.defaults().withSync(s.sync()).withRows(s.rows());
        return new Planner().plan(s.changes(), new PlanContext(s.schema(), s.dialect(), options));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> tables = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<String> dialect = Arbitraries.of("postgresql:10", "postgresql:15", "mysql:5.7", "mysql:8.0",
                "mysql:8.0.29", "mariadb:10.2", "mariadb:10.11");
        Arbitrary<SyncMode> sync = Arbitraries.of(SyncMode.values());
        return Combinators.combine(tables, seed, dialect, sync).as(PlannerPropertiesTest::scenario);
    }

    private static Scenario scenario(int tableCount, long seed, String dialectSpec, SyncMode sync) {
        java.util.Random random = new java.util.Random(seed);
        List<Table> tables = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Map<String, List<String>> expected = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        String[] types = {"VARCHAR(255)", "text", "integer", "bigint", "numeric(12,2)", "timestamp"};
        for (int t = 0; t < tableCount; t++) {
            String tableName = "t" + t;
            List<Column> columns = new ArrayList<>();
            columns.add(new Column(Ident.of("id"), dev.migrationstrategist.schema.DataType.parse("bigint"), false,
                    null));
            int extra = 1 + random.nextInt(4);
            for (int c = 0; c < extra; c++) {
                columns.add(new Column(Ident.of("c" + c), dev.migrationstrategist.schema.DataType.parse(
                        types[random.nextInt(types.length)]), random.nextBoolean(),
                        random.nextInt(4) == 0 ? "0" : null));
            }
            tables.add(new Table(Ident.of(tableName), columns,
                    List.of(new Constraint.PrimaryKey(null, List.of(Ident.of("id")))), List.of()));
            Set<String> names = new LinkedHashSet<>();
            columns.forEach(c -> names.add(c.name().name()));
            int renames = random.nextInt(3);
            for (int r = 0; r < renames; r++) {
                List<String> candidates = names.stream().filter(n -> !n.equals("id")).toList();
                if (candidates.isEmpty()) {
                    break;
                }
                String from = candidates.get(random.nextInt(candidates.size()));
                String to = "renamed_" + t + "_" + r;
                changes.add(new RenameColumn(Ident.of(tableName), Ident.of(from), Ident.of(to)));
                names.remove(from);
                names.add(to);
            }
            expected.put(tableName, List.copyOf(names));
            if (random.nextBoolean()) {
                rows.put(tableName, (long) random.nextInt(5_000_000));
            }
        }
        if (changes.isEmpty()) {
            changes.add(new RenameColumn(Ident.of("t0"), Ident.of("c0"), Ident.of("only_rename")));
            List<String> cols = new ArrayList<>(expected.get("t0"));
            cols.set(cols.indexOf("c0"), "only_rename");
            expected.put("t0", cols);
        }
        return new Scenario(new Schema(tables, List.of()), changes, expected, Dialects.parse(dialectSpec), sync, rows);
    }
}
