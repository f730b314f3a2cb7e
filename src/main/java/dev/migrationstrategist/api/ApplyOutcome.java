package dev.migrationstrategist.api;

import java.util.List;

/**
 * What one {@link Operator#apply} did.
 *
 * @param planId   the plan's id (the hash of its steps)
 * @param ran      the steps run by this call, in order
 * @param complete every step of the plan has run
 * @param reason   why it stopped (a release gate, the {@code through} bound, the contract confirmation) and what
 *                 to do next; null when complete
 */
public record ApplyOutcome(String planId, List<Integer> ran, boolean complete, String reason) {
    public ApplyOutcome {
        ran = List.copyOf(ran);
    }
}
