package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * Partition maintenance in a migration. MySQL/MariaDB: {@code TRUNCATE PARTITION} / {@code DROP PARTITION} delete
 * the rows of those partitions (measured: TRUNCATE PARTITION emptied p0); {@code PARTITION BY}, {@code REMOVE
 * PARTITIONING}, {@code REORGANIZE}, {@code COALESCE} and {@code REBUILD PARTITION} copy the rows (measured for
 * PARTITION BY and REMOVE PARTITIONING: new InnoDB table ids). PostgreSQL: {@code DETACH PARTITION} without
 * CONCURRENTLY takes ACCESS EXCLUSIVE on the parent (PostgreSQL 14+ has CONCURRENTLY). ADD PARTITION is not flagged.
 */
public final class PartitionChange implements StatementRule {

    @Override
    public String summary() {
        return "partition changes that delete rows (TRUNCATE/DROP PARTITION), copy the table (PARTITION BY, REORGANIZE,"
                + " REMOVE PARTITIONING) or lock the parent (DETACH without CONCURRENTLY)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        int after = Shapes.afterAlteredTable(s);
        if (!context.mysqlFamily()) {
            int detach = s.find(after, "DETACH", "PARTITION");
            if (detach < 0 || s.contains("CONCURRENTLY") || s.contains("FINALIZE")) {
                return List.of();
            }
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on " + table + ": every read and"
                            + " write of the whole partitioned table waits, and queues behind any open transaction.",
                    context.dialect().version().atLeast(14)
                            ? "DETACH PARTITION ... CONCURRENTLY, outside a transaction (SHARE UPDATE EXCLUSIVE)."
                            : "Upgrade to PostgreSQL 14 for DETACH ... CONCURRENTLY, or run it with a short"
                            + " lock_timeout and retries.", null));
        }
        for (String[] deleting : new String[][]{{"TRUNCATE", "PARTITION"}, {"DROP", "PARTITION"}}) {
            if (s.find(after, deleting) >= 0) {
                return List.of(new Finding(id(), Severity.ERROR, table,
                        String.join(" ", deleting) + " deletes every row of those partitions of " + table
                                + " (measured: TRUNCATE PARTITION emptied the partition), for every running app version;"
                                + " it cannot be rolled back.",
                        "Delete the rows in batches by key if they must go, or archive them first; drop a partition"
                                + " only when no app version reads its rows.", null));
            }
        }
        boolean copies = s.find(after, "PARTITION", "BY") >= 0 || s.find(after, "REMOVE", "PARTITIONING") >= 0
                || s.find(after, "REORGANIZE", "PARTITION") >= 0 || s.find(after, "COALESCE", "PARTITION") >= 0
                || s.find(after, "REBUILD", "PARTITION") >= 0;
        if (!copies) {
            return List.of();
        }
        return List.of(new Finding(id(), Severity.ERROR, table,
                "Re-partitioning " + table + " copies its rows into new partitions (measured: PARTITION BY and REMOVE"
                        + " PARTITIONING created new InnoDB tables): writes wait for the whole copy.",
                "Run it with gh-ost / pt-online-schema-change, or create the partitioned table new and move the rows"
                        + " in batches (expand/contract).", null));
    }
}
