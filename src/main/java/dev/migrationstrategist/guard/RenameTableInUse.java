package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** {@code RENAME TO} is instant but breaks every running app version that still uses the old table name. */
public final class RenameTableInUse implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof RenameTable rename)) {
            return List.of();
        }
        String t = rename.table().name();
        String n = rename.newName().name();
        boolean pg = ctx.dialect().name().equals("postgresql");
        return List.of(new Finding(id(), Severity.ERROR, t,
                "ALTER TABLE " + t + " RENAME TO " + n + " takes " + (pg ? "an ACCESS EXCLUSIVE lock" : "an exclusive"
                        + " metadata lock") + " on " + t + " (milliseconds, but every query on " + t + " queues"
                        + " behind it while it waits), and breaks every running app instance that still uses " + t
                        + ": a rolling deploy always has old instances running.",
                pg ? "Rename and create an updatable view " + t + " over " + n + " in one transaction, switch the app"
                        + " to " + n + ", then drop the view " + t + " (this plan's steps)."
                        : "Create an updatable view " + n + " over " + t + ", switch the app to " + n + ", then swap"
                        + " the names with one atomic RENAME TABLE " + n + " TO <aside>, " + t + " TO " + n
                        + " and drop the old view (this plan's steps).", null));
    }
}
