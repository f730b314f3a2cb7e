package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** Dropping the default of a NOT NULL column makes every INSERT that leaves the column out fail. */
public final class DropDefaultNotNull implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof DropDefault drop)) {
            return List.of();
        }
        var column = context.schema().table(drop.table()).flatMap(t -> t.column(drop.column()));
        if (column.isEmpty() || column.get().nullable() || column.get().defaultValue().isEmpty()) {
            return List.of();
        }
        String t = drop.table().name();
        String c = drop.column().name();
        return List.of(new Finding(id(), Severity.ERROR, t,
                "DROP DEFAULT on " + t + "." + c + ", which is NOT NULL: every INSERT that leaves " + c
                        + " out (relying on the default " + column.get().defaultExpression() + ") fails from then on.",
                "Release app code that writes " + c + " on every INSERT first, then drop the default (this plan's"
                        + " steps).",
                null));
    }
}
