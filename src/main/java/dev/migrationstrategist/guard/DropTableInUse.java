package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** {@code DROP TABLE} breaks every running app version that still uses the table, and cannot be undone. */
public final class DropTableInUse implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof DropTable drop)) {
            return List.of();
        }
        String t = drop.table().name();
        String aside = dev.migrationstrategist.schema.Names.aside(drop.table()).name();
        return List.of(new Finding(id(), Severity.ERROR, t,
                "DROP TABLE " + t + " makes every running app instance that still reads or writes " + t + " fail at"
                        + " once, and destroys its rows: nothing can undo it but a restore from backup.",
                "Release code that no longer uses " + t + ", rename it aside (ALTER TABLE " + t + " RENAME TO "
                        + aside + ", reversible: a forgotten reader fails while the rows are intact), wait, then"
                        + " DROP TABLE " + aside + " (this plan's steps).", null));
    }
}
