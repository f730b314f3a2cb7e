package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Apply's check before a schema step that drops, renames or retypes a column or renames or drops a table (read from
 * its typed statements, {@link StepFates}): the live views, routines and triggers that use exactly those objects,
 * in every schema, compared with the ones the plan saw ({@code state_a.dependants}). One that is new (created, or
 * changed to use the object, after planning) and that the step would break or that would block it stops apply
 * before the step, one line per object saying what to do; nothing of the step runs. The rules are those of
 * planning ({@code strategy/Dependencies}): where views bind to columns (PostgreSQL) they follow a rename and block
 * a drop or a type change; where they name them (MySQL/MariaDB) a rename or drop breaks them (ERROR 1356).
 */
final class NewDependants {
    private NewDependants() {
    }

    /**
     * The lines naming each new object the statements of {@code step} from {@code done} on would break; empty when
     * there is none, or when the step removes, renames and retypes nothing (the catalog is then not read).
     */
    static List<String> find(SchemaStep step, int done, Dependants planned, Connection work, Dialect dialect)
            throws SQLException {
        List<Statement> statements = step.statements().stream().skip(done).map(Rendered::statement).toList();
        boolean bound = dialect.viewsBindToColumns();
        List<StepFates.Affected> affected = StepFates.of(statements, bound);
        if (affected.isEmpty()) {
            return List.of();
        }
        boolean pg = dialect instanceof PostgresDialect;
        Dependants live = CatalogReader.read(work, PlanProof.scope(work, pg)).dependants();
        java.util.Map<Dependant, StepFates.Affected> found = new java.util.LinkedHashMap<>();
        for (StepFates.Affected a : affected) {
            for (Dependant d : uses(live, a.object())) {
                if (!knew(planned, d, a.object()) && breaks(d, a, bound)) {
                    found.putIfAbsent(d, a);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        found.forEach((d, a) -> {
            if (!triggerFunction(d, found.keySet())) {
                lines.add(line(step, d, a));
            }
        });
        return lines;
    }

    /** A PostgreSQL trigger function whose trigger is named already (its line says to change the function). */
    private static boolean triggerFunction(Dependant d, Set<Dependant> found) {
        return d instanceof Dependant.Routine r && found.stream().anyMatch(x -> x instanceof Dependant.Trigger t
                && t.function() != null && t.function().sameAs(r.name()));
    }

    /** Refuses (exit 1, like a failed gate) when {@link #find} names anything. */
    static void check(SchemaStep step, int done, Dependants planned, Connection work, Dialect dialect)
            throws SQLException {
        List<String> lines = find(step, done, planned, work, dialect);
        if (!lines.isEmpty()) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, refusal(step, lines));
        }
    }

    static String refusal(SchemaStep step, List<String> lines) {
        return "before step " + step.number() + " (" + step.title() + "): " + String.join("; ", lines)
                + "; nothing of step " + step.number() + " was run: run apply again once that is done";
    }

    private static List<Dependant> uses(Dependants live, DbObject o) {
        if (o instanceof DbObject.Column c) {
            return live.onColumn(c.table(), c.name());
        }
        DbObject.Table t = (DbObject.Table) o;
        return live.onTable(t.name()).stream().filter(d -> !ownPart(d, t.name())).toList();
    }

    /** A table's own triggers and generated columns go (or move) with it. */
    private static boolean ownPart(Dependant d, Ident table) {
        return d instanceof Dependant.Trigger t && t.table().sameAs(table)
                || d instanceof Dependant.Generated g && g.table().sameAs(table);
    }

    /** True when the plan saw {@code d} (same kind and name) already using {@code o}: planning judged it. */
    private static boolean knew(Dependants planned, Dependant d, DbObject o) {
        if (planned == null) {
            return false;
        }
        return planned.all().stream().filter(p -> sameObject(p, d)).anyMatch(p -> o instanceof DbObject.Column c
                ? p.usesColumn(c.table(), c.name())
                : p.usesTable(((DbObject.Table) o).name())
                || p instanceof Dependant.Trigger t && t.writes().stream()
                .anyMatch(w -> w.sameAs(((DbObject.Table) o).name())));
    }

    private static boolean sameObject(Dependant a, Dependant b) {
        if (a.getClass() != b.getClass() || !a.name().sameAs(b.name())) {
            return false;
        }
        return !(a instanceof Dependant.Trigger ta && b instanceof Dependant.Trigger tb) || ta.table().sameAs(tb.table());
    }

    /** Whether {@code d} breaks, or blocks the step, given what the step does to the object it uses. */
    private static boolean breaks(Dependant d, StepFates.Affected a, boolean bound) {
        StepFates.Fate fate = a.fate();
        if (fate == StepFates.Fate.DROPPED) {
            return true;
        }
        boolean renamed = fate == StepFates.Fate.RENAMED; // SWAPPED binds like RETYPED: the old object stays
        if (d instanceof Dependant.View || d instanceof Dependant.Generated) {
            return renamed != bound; // bound: follows a rename, blocks a type change; by name: the reverse
        }
        if (d instanceof Dependant.Routine r && r.exact()) {
            return !renamed; // an SQL-standard body binds: follows a rename, blocks a type change
        }
        return renamed; // a body of text names it: a rename breaks it, a new type does not
    }

    private static String line(SchemaStep step, Dependant d, StepFates.Affected a) {
        String object = a.object() instanceof DbObject.Column c ? c.table() + "." + c.name()
                : ((DbObject.Table) a.object()).name().toString();
        String what = d.describe() + " (new since planning) uses " + object + ", which step " + step.number() + " "
                + a.fate().verb;
        if (d instanceof Dependant.View v && (a.fate() == StepFates.Fate.SWAPPED
                || a.fate() == StepFates.Fate.RETYPED)) {
            return what + " (it would stay on the old column, or block the step): drop " + v.name()
                    + ", run apply again, then recreate it";
        }
        if (d instanceof Dependant.View v) {
            return what + ": drop " + v.name() + " or recreate it without " + object;
        }
        if (d instanceof Dependant.Generated g) {
            return what + ": drop " + g.column() + " or redefine it without " + object;
        }
        if (d instanceof Dependant.Routine r) {
            return what + ": change " + r.name() + " to stop using " + object + " (or drop it)";
        }
        Dependant.Trigger t = (Dependant.Trigger) d;
        return what + ": change " + (t.function() == null ? "trigger " + t.name() : "its function " + t.function())
                + " to stop using " + object + " (or drop it)";
    }
}
