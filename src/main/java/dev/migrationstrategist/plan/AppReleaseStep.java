package dev.migrationstrategist.plan;

import java.util.List;
import java.util.Objects;

/**
 * An application release: a gate where the team deploys a new app version. {@code apply} stops here.
 *
 * @param appVersion the version being rolled out, e.g. "v1.1"
 * @param reads      columns the new version reads, as {@code table.column}
 * @param writes     columns the new version writes
 */
public record AppReleaseStep(int number, Phase phase, String title, String action, String appVersion,
                             List<String> bullets, List<String> reads, List<String> writes, List<String> actions,
                             Rollback rollback) implements Step {
    public AppReleaseStep {
        Objects.requireNonNull(phase, "phase");
        if (!phase.isAppRelease()) {
            throw new IllegalArgumentException("an app release cannot be in phase " + phase.jsonName());
        }
        bullets = List.copyOf(bullets);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        actions = List.copyOf(actions);
        Objects.requireNonNull(rollback, "rollback");
    }

    @Override
    public String targetTable() {
        return null;
    }

    @Override
    public String details() {
        return null;
    }

    @Override
    public String stateAfter() {
        return null;
    }

    @Override
    public AppReleaseStep numbered(int number, String title) {
        return new AppReleaseStep(number, phase, title, action, appVersion, bullets, reads, writes, actions, rollback);
    }
}
