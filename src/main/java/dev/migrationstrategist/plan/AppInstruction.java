package dev.migrationstrategist.plan;

import java.util.List;

/**
 * What one change asks of an application release. The planner merges the instructions of all changes for a
 * phase into a single {@link AppReleaseStep}, so a plan has at most one dual-write and one switch release.
 *
 * @param rollbackNote what the previous version does with the data if the team rolls back to it
 * @param safeBecause  why that rollback loses nothing
 */
public record AppInstruction(String action, List<String> bullets, List<String> reads, List<String> writes,
                             String rollbackNote, String safeBecause) {
    public AppInstruction {
        bullets = List.copyOf(bullets);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }
}
