package dev.migrationstrategist.db;

import java.util.List;

/**
 * What an {@code apply} did.
 *
 * @param ran        the steps run in this invocation, in order
 * @param stoppedAt  the step it stopped before (a release gate, the --through bound, the contract confirmation), or 0
 *                   when the plan is complete
 * @param reason     why it stopped there, and what to do next; null when complete
 */
public record ApplyResult(String planId, List<Integer> ran, int stoppedAt, String reason) {
    public ApplyResult {
        ran = List.copyOf(ran);
    }

    public boolean complete() {
        return stoppedAt == 0;
    }
}
