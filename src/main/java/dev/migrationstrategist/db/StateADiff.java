package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What differs between a plan's State A (the objects it touches) and the same objects in a live catalog, one phrase
 * per difference ({@code column accounts.name: in the plan's State A, missing in the database (found nm)}). The
 * comparison is {@link SchemaMatch}'s, so spelling is not a difference: {@code int4} and {@code integer},
 * {@code character varying(255)} and {@code varchar(255)}, {@code 'x'::character varying} and {@code 'x'},
 * MariaDB's {@code int(11)}, a constraint the DDL left unnamed, the index MySQL builds for a foreign key. Columns are
 * matched by name, so their order is not compared; CHECK expressions and index predicates and expressions are not
 * compared (their text depends on who printed it), their names, columns and validity are.
 */
final class StateADiff {
    private StateADiff() {
    }

    static List<String> differences(Schema planned, Schema live, boolean mysql) {
        List<String> out = new ArrayList<>();
        for (Table t : planned.tables()) {
            Optional<Table> found = live.table(t.name());
            if (found.isEmpty()) {
                out.add("table " + t.name() + ": in the plan's State A, missing in the database");
                continue;
            }
            columns(t, found.get(), mysql, out);
            constraintsAndIndexes(t, found.get(), mysql, out);
        }
        for (EnumType e : planned.enums()) {
            Optional<EnumType> found = live.enumType(e.name());
            if (found.isEmpty()) {
                out.add("enum type " + e.name() + ": in the plan's State A, missing in the database");
            } else if (!found.get().values().equals(e.values())) {
                out.add("enum type " + e.name() + ": values " + e.values() + " in the plan's State A, "
                        + found.get().values() + " in the database");
            }
        }
        for (DomainType d : planned.domains()) {
            Optional<DomainType> found = live.domain(d.name());
            if (found.isEmpty()) {
                out.add("domain " + d.name() + ": in the plan's State A, missing in the database");
            } else if (!domain(d).equals(domain(found.get()))) {
                out.add("domain " + d.name() + ": " + domain(d) + " in the plan's State A, " + domain(found.get())
                        + " in the database");
            }
        }
        return out;
    }

    private static void columns(Table planned, Table live, boolean mysql, List<String> out) {
        List<String> extra = live.columns().stream().filter(c -> !planned.hasColumn(c.name()))
                .map(c -> c.name().name()).toList();
        boolean missing = false;
        for (Column c : planned.columns()) {
            Optional<Column> found = live.column(c.name());
            String name = "column " + planned.name() + "." + c.name();
            if (found.isEmpty()) {
                missing = true;
                out.add(name + ": in the plan's State A, missing in the database"
                        + (extra.isEmpty() ? "" : " (found " + String.join(", ", extra) + ")"));
            } else if (!SchemaMatch.column(c, mysql).equals(SchemaMatch.column(found.get(), mysql))) {
                out.add(name + ": " + SchemaMatch.column(c, mysql) + " in the plan's State A, "
                        + SchemaMatch.column(found.get(), mysql) + " in the database");
            }
        }
        if (!missing) { // else the columns found instead are named above
            extra.forEach(c -> out.add("column " + planned.name() + "." + c + ": in the database, not in the plan's"
                    + " State A"));
        }
    }

    /** Constraints and indexes as {@link SchemaMatch} renders them for this one table, compared as multisets. */
    private static void constraintsAndIndexes(Table planned, Table live, boolean mysql, List<String> out) {
        Schema model = new Schema(List.of(loosened(planned, live)), List.of());
        List<String> inPlan = rest(SchemaMatch.model(model, mysql));
        List<String> inDb = rest(SchemaMatch.catalog(new Schema(List.of(loosened(live, planned)), List.of()), model,
                mysql));
        List<String> onlyInDb = new ArrayList<>(inDb);
        for (String line : inPlan) {
            if (!onlyInDb.remove(line)) {
                out.add("table " + planned.name() + ": " + line + ": in the plan's State A, missing in the database");
            }
        }
        onlyInDb.forEach(line -> out.add("table " + planned.name() + ": " + line + ": in the database, not in the"
                + " plan's State A"));
    }

    /**
     * {@code table} with its expression and partial indexes compared loosely: the model keeps neither an index's
     * expressions (DDL {@code lower(name)} reads as the column {@code name}) nor the server's spelling of a predicate
     * ({@code qty > 10} comes back as {@code (qty > 10)}). Where the index of the same name on the other side is one,
     * both are compared by name, uniqueness, method, and whether there is a predicate; their columns are left out
     * when the catalog's side has none (an expression index).
     */
    private static Table loosened(Table table, Table other) {
        Table out = table;
        for (Index i : table.indexes()) {
            Index o = other.indexes().stream().filter(x -> x.name().sameAs(i.name())).findFirst().orElse(null);
            if (o == null || i.where() == null && o.where() == null && !i.columns().isEmpty()
                    && !o.columns().isEmpty()) {
                continue;
            }
            boolean expression = i.columns().isEmpty() || o.columns().isEmpty();
            out = out.withoutIndex(i.name()).withIndex(new Index(i.name(), i.table(),
                    expression ? List.of() : i.columns(), i.unique(), i.method(),
                    i.where() == null ? null : "(a predicate)", i.valid()));
        }
        return out;
    }

    /** The lines of one table's text that are neither the table's nor a column's. */
    private static List<String> rest(String text) {
        return text.lines().filter(l -> l.startsWith("  ") && !l.startsWith("  column ")).map(String::trim).toList();
    }

    private static String domain(DomainType d) {
        List<String> checks = d.checks().stream().map(c -> c.name().lower() + (c.valid() ? "" : " NOT VALID"))
                .sorted().toList();
        String dflt = CatalogNormalizer.defaultExpression(d.defaultExpression());
        return CatalogNormalizer.type(d.base().sql()) + (d.notNull() ? " not null" : " null")
                + (dflt == null ? "" : " default " + dflt) + (checks.isEmpty() ? "" : " checks " + checks);
    }
}
