package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** {@code DROP COLUMN} breaks every running app version that still reads or writes the column, and loses its data. */
public final class DropColumnInUse implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof DropColumn drop)) {
            return List.of();
        }
        String t = drop.table().name();
        String c = drop.column().name();
        String lock = context.dialect() instanceof PostgresDialect
                ? "takes an ACCESS EXCLUSIVE lock on " + t + " (milliseconds, but every query on " + t
                  + " queues behind it while it waits)"
                : "takes an exclusive metadata lock on " + t + " (every query on " + t
                  + " queues behind it while it waits)";
        return List.of(new Finding(id(), Severity.ERROR, t,
                "DROP COLUMN " + t + "." + c + " " + lock + ", breaks every running app instance that still reads or"
                        + " writes " + c + " (column does not exist; ORMs that list every mapped column fail on each"
                        + " query), and the values of " + c + " are gone for good.",
                "Release app code that stops reading and writing " + c + " first, then drop " + c + " once the"
                        + " previous version is retired (this plan's steps); keep a copy of the values if they may be"
                        + " needed.",
                null));
    }
}
