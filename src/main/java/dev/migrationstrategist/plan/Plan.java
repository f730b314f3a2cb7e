package dev.migrationstrategist.plan;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A numbered zero-downtime timeline: the steps of every requested change, merged by phase, with the rollback
 * strategy and the guardrail findings. The reports render it; {@code apply} and the rehearsal run its steps.
 */
public record Plan(Dialect dialect, PlanOptions options, List<Change> changes, List<Step> steps,
                   List<RollbackScenario> rollbackStrategy, List<Finding> findings, Schema before, Schema after) {
    public Plan {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        changes = List.copyOf(changes);
        steps = List.copyOf(steps);
        rollbackStrategy = List.copyOf(rollbackStrategy);
        findings = List.copyOf(findings);
    }

    /** The same plan with more findings (from a live database's pre-checks). */
    public Plan withFindings(List<Finding> more) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new Plan(dialect, options, changes, steps, rollbackStrategy, all, before, after);
    }

    public List<Step> stepsIn(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    /**
     * The tables the plan touches, in order of first appearance: the changes' own tables, then every table a backfill
     * step writes that holds rows already (an enum value rename names its type, and converts the rows of each table
     * using it; a split fills a table the plan creates, which has no size of its own).
     */
    public List<String> tables() {
        // an enum or domain change names its type, not a table: only names that are tables in State A or B count
        return Stream.concat(changes.stream().map(Change::table)
                        .filter(t -> before == null || after == null || before.hasTable(t) || after.hasTable(t))
                        .map(t -> t.name()),
                steps.stream().filter(s -> s instanceof BackfillStep).map(s -> ((BackfillStep) s).targetTable())
                        .filter(t -> before == null || before.hasTable(Ident.of(t))))
                .distinct().toList();
    }
}
