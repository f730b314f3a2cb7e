package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * The token form of the guard rule of the same id, for the {@code ADD [CONSTRAINT n] UNIQUE (...)} forms the plan's
 * SQL reader does not read ({@code DEFERRABLE}, {@code INITIALLY DEFERRED}, {@code NULLS NOT DISTINCT},
 * {@code INCLUDE}): PostgreSQL builds the index under ACCESS EXCLUSIVE (measured with DEFERRABLE: ShareLock +
 * AccessExclusiveLock), reads and writes wait for the whole build.
 */
public final class AddUniqueLocksTable implements StatementRule {

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... UNIQUE builds its index under ACCESS EXCLUSIVE: reads and writes wait";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ADD") || c.addedColumn() >= 0 || !c.has("UNIQUE") || c.has("USING", "INDEX")) {
                continue;
            }
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "ADD ... UNIQUE on " + table + " builds the unique index under ACCESS EXCLUSIVE (measured, also"
                            + " with DEFERRABLE: ShareLock + AccessExclusiveLock): reads and writes of " + table
                            + " wait for the whole build.",
                    "CREATE UNIQUE INDEX CONCURRENTLY first (outside a transaction), then ADD CONSTRAINT ... UNIQUE"
                            + " USING INDEX (milliseconds)" + (c.has("DEFERRABLE") ? "; USING INDEX accepts"
                            + " DEFERRABLE INITIALLY DEFERRED after it" : "") + ".", null));
        }
        return List.of();
    }
}
