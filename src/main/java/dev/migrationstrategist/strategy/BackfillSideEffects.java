package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Markdown;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a backfill's UPDATE batches would change besides their target columns, and what the plan does about it:
 * <ul>
 *   <li>MySQL/MariaDB {@code ON UPDATE CURRENT_TIMESTAMP} columns are assigned to themselves in each batch
 *       ({@code kept}): the server leaves such a column alone when the statement sets it explicitly;</li>
 *   <li>the table's own UPDATE triggers ({@code BEFORE UPDATE} "last updated" triggers, audit triggers) are kept from
 *       firing for the batches where the dialect can do that for one session ({@code quiet}: PostgreSQL
 *       {@code session_replication_role = replica}; the application's sessions still fire them);</li>
 *   <li>where it cannot (MySQL/MariaDB triggers fire for every session), the plan says which trigger fires and which
 *       columns it sets, before anything runs.</li>
 * </ul>
 *
 * @param kept    columns assigned to themselves
 * @param quiet   triggers that must not fire for the batches
 * @param actions the plan's lines saying what runs and what each trigger sees
 */
public record BackfillSideEffects(List<Ident> kept, List<Ident> quiet, List<String> actions) {

    public static BackfillSideEffects of(PlanContext ctx, Ident table, Collection<Ident> targets) {
        var deps = ctx.schema().dependants();
        List<Ident> kept = deps.onUpdateColumns(table).stream()
                .filter(c -> targets.stream().noneMatch(c::sameAs)).toList();
        List<String> actions = new ArrayList<>();
        if (!kept.isEmpty()) {
            actions.add("Keeps " + names(kept) + " as " + (kept.size() == 1 ? "it was" : "they were") + ": "
                    + (kept.size() == 1 ? "an `ON UPDATE CURRENT_TIMESTAMP` column" : "`ON UPDATE CURRENT_TIMESTAMP`"
                    + " columns") + ", assigned to " + (kept.size() == 1 ? "itself" : "themselves") + " in each batch"
                    + " (the server leaves such a column alone when the statement sets it).");
        }
        List<Dependant.Trigger> triggers = new ArrayList<>();
        for (Dependant.Trigger t : deps.triggers()) {
            if (t.table().sameAs(table) && t.firesOn("UPDATE")) {
                triggers.add(t);
            }
        }
        String quiet = ctx.dialect().quietTriggersStatement();
        List<Ident> quietNames = List.of();
        if (!triggers.isEmpty() && quiet != null) {
            quietNames = triggers.stream().map(Dependant.Trigger::name).distinct().toList();
            actions.add("The backfill session runs " + Markdown.code(quiet) + " before its first batch (and "
                    + Markdown.code(ctx.dialect().quietTriggersReset()) + " after the last), so "
                    + triggers.stream().map(t -> describe(t, targets)).collect(Collectors.joining("; "))
                    + " " + (triggers.size() == 1 ? "does" : "do") + " not fire for the batches: no column of "
                    + table + " other than " + names(List.copyOf(targets)) + " changes. The application's sessions"
                    + " still fire " + (triggers.size() == 1 ? "it" : "them") + " as before. This needs a superuser"
                    + " or " + Markdown.code("GRANT SET ON PARAMETER session_replication_role TO <role>")
                    + " (PostgreSQL 15+); without it apply stops before the first batch, naming "
                    + (triggers.size() == 1 ? "the trigger" : "the triggers") + ".");
        } else if (!triggers.isEmpty()) {
            Set<Ident> changed = new LinkedHashSet<>();
            for (Dependant.Trigger t : triggers) {
                if (t.before()) {
                    t.assigns().stream().filter(c -> targets.stream().noneMatch(c::sameAs)).forEach(changed::add);
                }
            }
            actions.add("Fires " + triggers.stream().map(t -> describe(t, targets)).collect(Collectors.joining("; "))
                    + " for every backfilled row: this engine runs a table's triggers for every session."
                    + (changed.isEmpty() ? "" : " Columns that WILL change in every backfilled row: "
                    + names(List.copyOf(changed)) + "."));
        }
        return new BackfillSideEffects(kept, quietNames, actions);
    }

    private static String describe(Dependant.Trigger t, Collection<Ident> targets) {
        List<Ident> others = t.assigns().stream().filter(c -> targets.stream().noneMatch(c::sameAs)).toList();
        String writes = t.writes().isEmpty() ? "" : ", writes " + names(t.writes());
        return "trigger " + Markdown.code(t.name().name()) + " (" + t.timing() + " " + String.join(" OR ", t.events())
                + (others.isEmpty() ? "" : ", sets " + names(others)) + writes + ")";
    }

    private static String names(List<Ident> names) {
        return names.stream().map(n -> Markdown.code(n.name())).collect(Collectors.joining(", "));
    }
}
