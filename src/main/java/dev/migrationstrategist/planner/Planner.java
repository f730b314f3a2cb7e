package dev.migrationstrategist.planner;

import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.CheckedNotNull;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.RollbackStrategy;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.strategy.Strategies;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.guard.Rules;
import dev.migrationstrategist.schema.Schema;

import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetLockTimeout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Merges the contributions of all changes into one timeline: all expands, one dual-write release, the
 * backfills, the constraints, one switch release, all contracts; steps numbered 1..n. Puts the dialect's lock
 * timeout before every step that takes a blocking lock.
 */
public final class Planner {

    /**
     * Plans the changes in order against State A.
     *
     * @param origins where each change was written ("change.sql:1:1"), same order as {@code changes}; may be empty
     */
    public Plan plan(List<Change> changes, List<String> origins, PlanContext ctx) {
        if (changes.isEmpty()) {
            throw StrategistException.invalid("nothing to plan: no change was given");
        }
        List<Step> expand = new ArrayList<>();
        List<Step> backfill = new ArrayList<>();
        List<Step> backfill2 = new ArrayList<>();
        List<Step> constrain = new ArrayList<>();
        List<Step> contract = new ArrayList<>();
        List<AppInstruction> dualWrite = new ArrayList<>();
        List<AppInstruction> switchOver = new ArrayList<>();
        List<AppInstruction> stopOld = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Schema state = ctx.schema();
        List<Change> resolved = new ArrayList<>();
        java.util.Map<String, String> swapped = new java.util.HashMap<>(); // table.column -> the change that swaps it
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String origin = i < origins.size() ? origins.get(i) : null;
            // Each change is validated and planned against the state the earlier changes lead to.
            PlanContext at = new PlanContext(state, ctx.dialect(), ctx.options());
            try {
                change = change.resolve(state, ctx.dialect());
                refuseAfterSwap(change, swapped);
                Strategies.of(change).validate(at);
            } catch (StrategistException e) {
                throw origin == null ? e : new StrategistException(e.code(), origin + ": " + e.getMessage());
            }
            Contribution c = Strategies.of(change).plan(at);
            for (Step s : c.steps()) {
                switch (s.phase()) {
                    case EXPAND -> expand.add(s);
                    case BACKFILL -> backfill.add(s);
                    case BACKFILL_2 -> backfill2.add(s);
                    case CONSTRAIN -> constrain.add(s);
                    case CONTRACT -> contract.add(s);
                    default -> throw new IllegalStateException("strategies contribute app releases as instructions");
                }
            }
            dualWrite.addAll(c.dualWrite());
            switchOver.addAll(c.switchOver());
            stopOld.addAll(c.stopOld());
            if (c.steps().stream().anyMatch(s -> SWAP.equals(s.action()))) {
                for (var column : change.columnsTouched()) {
                    swapped.put(key(change.table().name(), column.name()), change.describe());
                }
            }
            for (Finding f : Rules.check(change, at)) {
                findings.add(f.at(origin));
            }
            c.findings().forEach(f -> findings.add(f.location() == null ? f.at(origin) : f));
            state = change.applyTo(state);
            for (CheckedNotNull checked : c.checkedNotNull()) {
                state = checked.applyTo(state);
            }
            resolved.add(change);
        }

        Versions versions = new Versions(ctx.options().appVersion());
        List<Step> ordered = new ArrayList<>();
        ordered.addAll(expand);
        if (!dualWrite.isEmpty()) {
            String previous = versions.current();
            ordered.add(merge(Phase.APP_RELEASE_1, dualWrite, versions.next(), previous));
        }
        ordered.addAll(backfill);
        ordered.addAll(constrain);
        if (!switchOver.isEmpty()) {
            String previous = versions.current();
            ordered.add(merge(Phase.APP_RELEASE_2, switchOver, versions.next(), previous));
        }
        ordered.addAll(backfill2);
        if (!stopOld.isEmpty()) {
            String previous = versions.current();
            ordered.add(merge(Phase.APP_RELEASE_3, stopOld, versions.next(), previous));
        }
        ordered.addAll(contract);

        List<Step> numbered = new ArrayList<>();
        int migration = 0;
        int n = 0;
        for (Step s : ordered) {
            n++;
            String title = switch (s.phase()) {
                case EXPAND -> "Database Expand (Migration " + (++migration) + ")";
                case CONSTRAIN -> "Database Constraints (Migration " + (++migration) + ")";
                case CONTRACT -> "Database Contract (Migration " + (++migration) + ")";
                case BACKFILL, BACKFILL_2 -> backfill.size() + backfill2.size() == 1 ? "Data Backfill Script"
                        : "Data Backfill Script (" + s.targetTable() + "." + s.details() + ")";
                case APP_RELEASE_1, APP_RELEASE_2, APP_RELEASE_3 -> "Application Release ("
                        + ((AppReleaseStep) s).appVersion() + ")";
            };
            Step step = s.numbered(n, title);
            if (step instanceof SchemaStep schemaStep && schemaStep.blocking()) {
                step = withLockTimeout(schemaStep, ctx);
            }
            numbered.add(step);
        }
        return new Plan(ctx.dialect(), ctx.options(), resolved, numbered, RollbackStrategy.of(numbered), findings,
                ctx.schema(), state);
    }

    /** The contract action of a type change that replaces a column by a new one (ChangeColumnTypeStrategy). */
    static final String SWAP = "swap_column";

    /**
     * A change on a column that an earlier change of the same request replaces through a new column and a swap
     * would run, in the merged timeline, on the old column before the swap, and be lost with it at the contract.
     */
    private static void refuseAfterSwap(Change change, java.util.Map<String, String> swapped) {
        for (var column : change.columnsTouched()) {
            String by = swapped.get(key(change.table().name(), column.name()));
            if (by != null) {
                throw StrategistException.invalid(change.describe() + ": " + change.table() + "." + column
                        + " is replaced by a new column and a swap in this same plan (" + by + "), so this change"
                        + " would act on the old column and be lost at the contract; give it before the type change"
                        + " (defaults and NOT NULL are carried over) or plan it after the swap");
            }
        }
    }

    private static String key(String table, String column) {
        return table.toLowerCase(java.util.Locale.ROOT) + "." + column.toLowerCase(java.util.Locale.ROOT);
    }

    public Plan plan(List<Change> changes, PlanContext ctx) {
        return plan(changes, List.of(), ctx);
    }

    private static SchemaStep withLockTimeout(SchemaStep step, PlanContext ctx) {
        SetLockTimeout set = new SetLockTimeout(ctx.options().lockTimeout());
        if (!step.statements().isEmpty() && step.statements().get(0).statement().equals(set)) {
            return step;
        }
        List<Rendered> statements = new ArrayList<>();
        statements.add(new Rendered(set, ctx.dialect().render(set)));
        statements.addAll(step.statements());
        return step.withStatements(statements);
    }

    private static AppReleaseStep merge(Phase phase, List<AppInstruction> instructions, String version,
                                        String previous) {
        LinkedHashSet<String> actions = new LinkedHashSet<>();
        List<String> bullets = new ArrayList<>();
        LinkedHashSet<String> reads = new LinkedHashSet<>();
        LinkedHashSet<String> writes = new LinkedHashSet<>();
        LinkedHashSet<String> rollbackNotes = new LinkedHashSet<>();
        LinkedHashSet<String> safeBecause = new LinkedHashSet<>();
        for (AppInstruction i : instructions) {
            actions.add(i.action());
            bullets.addAll(i.bullets());
            reads.addAll(i.reads());
            writes.addAll(i.writes());
            if (i.rollbackNote() != null) {
                rollbackNotes.add(i.rollbackNote());
            }
            if (i.safeBecause() != null) {
                safeBecause.add(i.safeBecause());
            }
        }
        String note = "roll back to " + previous
                + (rollbackNotes.isEmpty() ? "" : " (" + String.join("; ", rollbackNotes) + ")");
        return new AppReleaseStep(0, phase, null, String.join("+", actions), version, bullets, List.copyOf(reads),
                List.copyOf(writes), List.of(),
                new Rollback(List.of(), note, safeBecause.isEmpty() ? null : String.join("; ", safeBecause), false));
    }

    /** Counts app versions up from the one running now: 1.0 → v1.1 → v1.2. */
    private static final class Versions {
        private final String major;
        private int minor;

        Versions(String base) {
            int dot = base.lastIndexOf('.');
            this.major = dot < 0 ? base : base.substring(0, dot);
            this.minor = dot < 0 ? 0 : Integer.parseInt(base.substring(dot + 1));
        }

        String current() {
            return "v" + major + "." + minor;
        }

        String next() {
            minor++;
            return current();
        }
    }
}
