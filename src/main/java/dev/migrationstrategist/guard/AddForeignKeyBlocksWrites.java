package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/**
 * {@code ADD FOREIGN KEY} checks every existing row while it holds its locks: on PostgreSQL SHARE ROW EXCLUSIVE on
 * the child AND the parent (writes to both wait), on MySQL/MariaDB a table copy with {@code foreign_key_checks = 1}.
 */
public final class AddForeignKeyBlocksWrites implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof AddForeignKey fk)) {
            return List.of();
        }
        boolean refusedNotValid = fk.writtenNotValid() && ctx.dialect().name().equals("postgresql")
                && !ctx.dialect().notValidForeignKeyOnPartitionedTable()
                && ctx.schema().table(fk.table()).map(x -> x.partitioning().partitioned()).orElse(false);
        if (!ctx.isLarge(fk.table()) && !refusedNotValid) {
            return List.of();
        }
        String t = fk.table().name();
        String p = fk.referencedTable().name();
        String name = fk.name() == null ? "the foreign key" : fk.name().name();
        boolean partitioned = ctx.schema().table(fk.table()).map(x -> x.partitioning().partitioned()).orElse(false);
        if (ctx.dialect().name().equals("postgresql") && partitioned
                && !ctx.dialect().notValidForeignKeyOnPartitionedTable()) {
            String perPartition = "Add it NOT VALID to each partition (plain tables accept it), VALIDATE CONSTRAINT"
                    + " on each (writes go on), then ADD CONSTRAINT " + name + " to " + t + " itself: it adopts the"
                    + " partitions' validated keys without a scan (milliseconds; this plan's steps).";
            if (fk.writtenNotValid()) {
                return List.of(new Finding(id(), Severity.ERROR, t, "ALTER TABLE " + t + " ADD CONSTRAINT " + name
                        + " FOREIGN KEY ... NOT VALID is refused: " + t + " is partitioned, and "
                        + ctx.dialect().displayName() + " accepts NOT VALID on a partitioned table only from 18.",
                        perPartition, null));
            }
            return List.of(new Finding(id(), Severity.ERROR, t, "ALTER TABLE " + t + " ADD CONSTRAINT " + name
                    + " FOREIGN KEY ... REFERENCES " + p + " takes SHARE ROW EXCLUSIVE on " + t + ", every partition"
                    + " AND " + p + " and holds them while it scans every partition: writes to all of them wait.",
                    perPartition, null));
        }
        if (ctx.dialect().name().equals("postgresql") && fk.writtenNotValid()) {
            return List.of(); // already the safe form: no scan while both tables' writes wait
        }
        if (ctx.dialect().name().equals("postgresql")) {
            return List.of(new Finding(id(), Severity.ERROR, t,
                    "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " FOREIGN KEY ... REFERENCES " + p + " takes"
                            + " SHARE ROW EXCLUSIVE on " + t + " AND on " + p + " and holds both while it scans " + t
                            + ": every INSERT, UPDATE and DELETE on both tables waits for the whole scan.",
                    "Add it NOT VALID (milliseconds, new writes checked), then ALTER TABLE " + t + " VALIDATE"
                            + " CONSTRAINT " + name + " after any backfill: SHARE UPDATE EXCLUSIVE on " + t + " and ROW"
                            + " SHARE on " + p + ", writes go on (this plan's steps).", null));
        }
        return List.of(new Finding(id(), Severity.ERROR, t,
                "ALTER TABLE " + t + " ADD FOREIGN KEY ... REFERENCES " + p + " with foreign_key_checks = 1 can only"
                        + " copy " + t + " on " + ctx.dialect().displayName() + " (INPLACE and INSTANT are refused):"
                        + " writes to " + t + " wait for the whole copy (13–23 s per million rows measured on MariaDB"
                        + " 10.11).",
                "Count the orphans first, then run the ALTER with SET SESSION foreign_key_checks = 0 in the migration's"
                        + " session (in place or instant, no copy) and count them again: existing rows are not"
                        + " checked that way (this plan's step).", null));
    }
}
