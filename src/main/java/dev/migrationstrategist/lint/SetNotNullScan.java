package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The token form of the guard rule of the same id, for the PostgreSQL {@code ALTER COLUMN c SET NOT NULL} clauses
 * of statements the plan's SQL reader does not read: a full scan under ACCESS EXCLUSIVE (LOCKS.md: 157-181 ms per
 * million rows), unless a validated {@code CHECK (c IS NOT NULL)} came earlier in the run (then no scan).
 */
public final class SetNotNullScan implements StatementRule {

    @Override
    public String summary() {
        return "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a validated CHECK proves it";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ALTER") || !c.has("SET", "NOT", "NULL")) {
                continue;
            }
            String column = s.nameAt(s.skip(c.from() + 1, "COLUMN"));
            if (column == null || context.hasValidatedNotNullCheck(table, column)) {
                continue;
            }
            out.add(new Finding(id(), Severity.ERROR, table,
                    "SET NOT NULL on " + table + "." + column + " scans every row under ACCESS EXCLUSIVE: reads and"
                            + " writes of " + table + " wait for the whole scan (157-181 ms per million rows"
                            + " measured).",
                    "ADD CONSTRAINT ... CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT"
                            + " NULL (no scan" + (context.dialect().version().atLeast(12) ? "" : " from PostgreSQL 12")
                            + "), then drop the CHECK.", null));
        }
        return out;
    }
}
