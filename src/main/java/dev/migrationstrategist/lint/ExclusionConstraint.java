package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * PostgreSQL {@code ADD CONSTRAINT ... EXCLUDE USING ...} on an existing table builds its index under ACCESS
 * EXCLUSIVE (measured on PostgreSQL 15: ShareLock + AccessExclusiveLock, no rewrite). Exclusion constraints have
 * neither a NOT VALID form nor a USING INDEX form, so there is no online way to add one to a large table.
 */
public final class ExclusionConstraint implements StatementRule {

    @Override
    public String summary() {
        return "an exclusion constraint added to an existing table builds its index under ACCESS EXCLUSIVE";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (c.startsWith("ADD") && c.has("EXCLUDE")) {
                return List.of(new Finding(id(), Severity.ERROR, table,
                        "The exclusion constraint on " + table + " builds its index and checks every row under ACCESS"
                                + " EXCLUSIVE (measured: ShareLock + AccessExclusiveLock): reads and writes wait for"
                                + " the whole build; PostgreSQL has no NOT VALID or USING INDEX form for it.",
                        "Add it to a new table and move the rows in batches (expand/contract), or enforce the rule"
                                + " with a trigger until a maintenance window.", null));
            }
        }
        return List.of();
    }
}
