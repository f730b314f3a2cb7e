package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * The token form of the guard rule of the same id, for the PostgreSQL {@code ADD [CONSTRAINT n] CHECK (...)} forms
 * the plan's SQL reader does not read (several clauses in one ALTER, expressions it cannot parse): without NOT VALID
 * the check is verified over the whole table under ACCESS EXCLUSIVE (LOCKS.md: 88-163 ms per million rows, reads and
 * writes wait).
 */
public final class AddCheckScansTable implements StatementRule {

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ADD") || c.addedColumn() >= 0 || !c.has("CHECK") || c.has("NOT", "VALID")) {
                continue;
            }
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "ADD ... CHECK on " + table + " verifies every row under ACCESS EXCLUSIVE: reads and writes of "
                            + table + " wait for the whole scan (88-163 ms per million rows measured).",
                    "Add it NOT VALID (milliseconds; new writes are checked), then VALIDATE CONSTRAINT in a later"
                            + " transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on).", null));
        }
        return List.of();
    }
}
