package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.PlanContext;

/**
 * Turns one change into its steps for a dialect, version and table size. Answers pgroll's questions in our
 * words: validate against State A, then the steps of each phase, each with its rollback. Never holds a
 * connection: the output is plain data.
 */
public interface ChangeStrategy {

    /** Throws a {@code StrategistException} (invalid input) naming what is wrong when the change cannot apply. */
    void validate(PlanContext context);

    Contribution plan(PlanContext context);
}
