package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.strategy.Sql;
import dev.migrationstrategist.dialect.TypeChanges;

import java.util.List;

/**
 * A narrowing or lossy type change: values can be cut, overflow, be rounded or change meaning. Also a rename that
 * changes the type ({@code rename column ... type ...}), which converts every value the same way.
 */
public final class ChangeColumnTypeNarrowing implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        ChangeColumnType type;
        if (change instanceof ChangeColumnType direct) {
            type = direct;
        } else if (change instanceof RenameColumn rename && rename.newType() != null) {
            type = new ChangeColumnType(rename.table(), rename.column(), rename.newType());
        } else {
            return List.of();
        }
        var column = context.schema().table(type.table()).flatMap(t -> t.column(type.column()));
        if (column.isEmpty() || TypeChanges.same(column.get().type(), type.newType())) {
            return List.of();
        }
        var reason = TypeChanges.lossReason(column.get().type(), type.newType());
        if (reason.isEmpty()) {
            return List.of();
        }
        Sql sql = new Sql(context.dialect());
        String check = TypeChanges.checkQuery(sql.dialect(), sql.q(type.table()), sql.q(type.column()), column.get().type(),
                type.newType());
        String t = type.table().name();
        String c = type.column().name();
        return List.of(new Finding(id(), Severity.WARNING, t,
                "Changing " + t + "." + c + " from " + column.get().type() + " to " + type.newType() + " is lossy: "
                        + reason.get() + ".",
                (check == null ? "Check the values first" : "Count the rows that would not fit first: " + check)
                        + " It must return 0 (fix or widen those rows), or keep the wider type.",
                null));
    }
}
