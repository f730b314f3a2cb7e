package dev.migrationstrategist.api;

import java.util.List;

/** What one {@link Operator#rollback} undid: the step numbers, in the order they were rolled back. */
public record RollbackOutcome(String planId, List<Integer> undone) {
    public RollbackOutcome {
        undone = List.copyOf(undone);
    }
}
