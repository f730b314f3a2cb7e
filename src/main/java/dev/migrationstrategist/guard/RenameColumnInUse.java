package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** {@code RENAME COLUMN} is instant but breaks every running app version that still uses the old name. */
public final class RenameColumnInUse implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof RenameColumn rename)) {
            return List.of();
        }
        String table = rename.table().name();
        String from = rename.column().name();
        String to = rename.newName().name();
        String lock = context.dialect().name().equals("postgresql")
                ? "takes an ACCESS EXCLUSIVE lock on " + table + " (only milliseconds, but every query on " + table
                  + " queues behind it while it waits)"
                : "takes an exclusive metadata lock on " + table + " (instant, but every query on " + table
                  + " queues behind it while it waits)";
        return List.of(new Finding(id(), Severity.ERROR, table,
                "RENAME COLUMN " + table + "." + from + " TO " + to + " " + lock
                        + ", and breaks every running app instance that still reads or writes " + from
                        + ": the old version fails the moment the rename commits, and a rolling deploy always has"
                        + " old instances running.",
                "Expand and contract: add " + to + ", keep " + from + " and " + to + " in sync, backfill in batches,"
                        + " switch the app to " + to + ", then drop " + from + " once no running version uses it"
                        + " (this plan's steps).",
                null));
    }
}
