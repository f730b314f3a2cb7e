package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.plan.Plan;

/**
 * What a rehearsal found. {@link #passed()} is about the plan side only: the naive side is there to compare.
 *
 * @param server the server as a masked URL (no password)
 */
public record RehearsalResult(String server, String dialect, long rows, int clients, long lockTimeoutMs, Plan plan,
                              SideResult planSide, SideResult naiveSide) {
    public boolean passed() {
        return planSide.passed();
    }

    /** 0 when every invariant of the plan side holds, else 1. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }
}
