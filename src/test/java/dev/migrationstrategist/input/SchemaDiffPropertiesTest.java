package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.plan.RandomMigrations;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random small State A and random valid change lists ({@link RandomMigrations}): State B is what the changes'
 * {@code applyTo} makes of A; the diff of A and B, with the rename hints the list knows, plans to exactly B (tables,
 * columns with type, nullability and default, constraints, indexes). Lists with kinds a diff cannot express (split,
 * merge, move columns, rename enum value) are skipped; a list that drops a column and adds one of the same type to
 * the same table is the ambiguous case the diff must refuse as a rename without a hint.
 */
class SchemaDiffPropertiesTest {
    static final int SEEDS = 300;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void the_plan_of_the_diff_reaches_state_b(String dialectSpec) {
        int checked = 0;
        int ambiguous = 0;
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RandomMigrations.Scenario s = RandomMigrations.scenario(seed, dialectSpec, SyncMode.TRIGGER, false);
            if (s.changes().stream().anyMatch(c -> c instanceof SplitTable || c instanceof MergeTable
                    || c instanceof MoveColumns || c instanceof RenameEnumValue)) {
                continue;
            }
            Dialect dialect = s.dialect();
            Schema b = s.schema();
            List<String> renames = new ArrayList<>();
            List<String> tableRenames = new ArrayList<>();
            for (Change c : s.changes()) {
                Change resolved = c.resolve(b, dialect);
                b = resolved.applyTo(b);
                if (c instanceof RenameColumn r) {
                    renames.add(r.table() + "." + r.column() + "=" + r.newName());
                } else if (c instanceof RenameTable r) {
                    tableRenames.add(r.table() + "=" + r.newName());
                }
            }
            try {
                List<Change> diff = SchemaDiff.diff(s.schema(), b, SchemaDiff.Hints.parse(renames, tableRenames));
                if (diff.isEmpty()) {
                    assertThat(render(s.schema())).isEqualTo(render(b));
                    checked++;
                    continue;
                }
                Plan plan = new Planner().plan(diff, new PlanContext(s.schema(), dialect, PlanOptions.defaults()));
                if (!render(plan.after()).equals(render(b))) {
                    failures.add("seed " + seed + ": " + s + "\ndiff " + diff.stream().map(Change::describe).toList()
                            + "\nwant " + render(b) + "\ngot  " + render(plan.after()));
                }
                checked++;
            } catch (StrategistException e) {
                if (e.getMessage().contains("a rename is not drop + add")) {
                    ambiguous++;
                } else {
                    failures.add("seed " + seed + ": " + e.getMessage() + "\n" + s);
                }
            }
        }
        assertThat(failures).as(String.join("\n\n", failures.stream().limit(3).toList())).isEmpty();
        assertThat(checked).as("scenarios checked (%d refused as ambiguous renames)", ambiguous)
                .isGreaterThan(SEEDS / 4);
    }

    /** The parts of a schema the diff must reproduce, in one text; order of tables and columns does not count. */
    static String render(Schema schema) {
        Map<String, String> tables = new TreeMap<>();
        for (Table t : schema.tables()) {
            TreeSet<String> parts = new TreeSet<>();
            for (Column c : t.columns()) {
                parts.add("column " + c.name().lower() + " " + c.type().canonical() + (c.nullable() ? "" : " not null")
                        + (c.defaultExpression() == null ? "" : " default " + norm(c.defaultExpression())));
            }
            for (Constraint c : t.constraints()) {
                parts.add(constraint(c));
            }
            for (Index i : t.indexes()) {
                parts.add("index " + i.name().lower() + " " + names(i.columns()) + (i.unique() ? " unique" : "")
                        + (i.method() == null ? "" : " using " + i.method()));
            }
            tables.put(t.name().lower(), String.join("; ", parts));
        }
        Map<String, String> types = new TreeMap<>();
        schema.enums().forEach(e -> types.put("enum " + e.name().lower(), e.values().toString()));
        schema.domains().forEach(d -> types.put("domain " + d.name().lower(), d.checks().stream()
                .map(c -> c.name().lower() + " " + norm(c.expression())).sorted().toList().toString()));
        return tables + " " + types;
    }

    private static String constraint(Constraint c) {
        String name = c.name() == null ? "" : c.name().lower() + " ";
        if (c instanceof Constraint.Check ck) {
            return "check " + name + norm(ck.expression());
        }
        if (c instanceof Constraint.ForeignKey fk) {
            return "foreign key " + name + names(fk.columns()) + " -> " + fk.referencedTable().lower()
                    + names(fk.referencedColumns()) + " " + fk.onDelete() + " " + fk.onUpdate();
        }
        return (c instanceof Constraint.PrimaryKey ? "primary key " : "unique ") + name + names(c.columns());
    }

    private static String names(List<Ident> idents) {
        return idents.stream().map(Ident::lower).toList().toString();
    }

    private static String norm(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
