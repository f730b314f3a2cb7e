package dev.migrationstrategist.plan;

import dev.migrationstrategist.finding.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What one change's strategy contributes to each phase of the timeline. The planner merges the contributions
 * of all changes: schema and backfill steps are concatenated per phase, app instructions merged per release.
 */
public record Contribution(List<Step> steps, List<AppInstruction> dualWrite, List<AppInstruction> switchOver,
                           List<AppInstruction> stopOld, List<Finding> findings, List<CheckedNotNull> checkedNotNull) {
    public Contribution {
        steps = List.copyOf(steps);
        dualWrite = List.copyOf(dualWrite);
        switchOver = List.copyOf(switchOver);
        stopOld = List.copyOf(stopOld);
        findings = List.copyOf(findings);
        checkedNotNull = List.copyOf(checkedNotNull);
    }

    public Contribution(List<Step> steps, List<AppInstruction> dualWrite, List<AppInstruction> switchOver,
                        List<Finding> findings) {
        this(steps, dualWrite, switchOver, List.of(), findings, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a strategy's steps in any order; the planner orders them by phase. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private final List<AppInstruction> dualWrite = new ArrayList<>();
        private final List<AppInstruction> switchOver = new ArrayList<>();
        private final List<AppInstruction> stopOld = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final List<CheckedNotNull> checkedNotNull = new ArrayList<>();

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public Builder dualWrite(AppInstruction instruction) {
            dualWrite.add(instruction);
            return this;
        }

        public Builder switchOver(AppInstruction instruction) {
            switchOver.add(instruction);
            return this;
        }

        /** The third release ({@code --sync app} only): the application stops writing what the contract drops. */
        public Builder stopOld(AppInstruction instruction) {
            stopOld.add(instruction);
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(finding);
            return this;
        }

        /** A NOT NULL this contribution enforces with a valid check rather than the column flag (State B). */
        public Builder checkedNotNull(CheckedNotNull value) {
            checkedNotNull.add(value);
            return this;
        }

        public Contribution build() {
            return new Contribution(steps, dualWrite, switchOver, stopOld, findings, checkedNotNull);
        }
    }
}
