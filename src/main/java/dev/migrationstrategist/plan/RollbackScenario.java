package dev.migrationstrategist.plan;

/** One line of the plan's rollback strategy: if this step fails, do this, and why it is safe. */
public record RollbackScenario(int ifStepFails, String action, String safeBecause) {
}
