package dev.migrationstrategist.guard;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.strategy.Dependencies;

import java.util.List;

/**
 * A function or procedure whose body the server keeps as text (PL/pgSQL, MySQL/MariaDB routines) and that names a
 * column or table the plan drops or renames: the server does not stop the change, and the routine fails when next
 * called. The plan names each one: it must change with the app.
 */
public final class RoutineChangesWithApp implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        String what = change.describe();
        if (change instanceof DropColumn c) {
            return Dependencies.notes(context, what, c.table(), List.of(c.column()), false);
        }
        if (change instanceof RenameColumn c) {
            return Dependencies.notes(context, what, c.table(), List.of(c.column()), false);
        }
        if (change instanceof SplitTable c) {
            return Dependencies.notes(context, what, c.table(), c.columns(), false);
        }
        if (change instanceof MoveColumns c) {
            return Dependencies.notes(context, what, c.table(), c.columns(), false);
        }
        if (change instanceof DropTable || change instanceof RenameTable || change instanceof MergeTable) {
            return Dependencies.notes(context, what, change.table(), List.of(), true);
        }
        return List.of();
    }
}
