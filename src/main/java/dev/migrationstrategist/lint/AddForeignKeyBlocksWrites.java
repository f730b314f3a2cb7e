package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * The token form of the guard rule of the same id, for the {@code ADD [CONSTRAINT n] FOREIGN KEY} forms the plan's
 * SQL reader does not read ({@code DEFERRABLE}, {@code MATCH FULL}, several clauses in one ALTER): PostgreSQL takes
 * SHARE ROW EXCLUSIVE on both tables for the validation scan unless NOT VALID is written (LOCKS.md); MySQL/MariaDB
 * copy the table unless {@code foreign_key_checks = 0} (LOCKS.md: COPY only with the checks on, INSTANT with them
 * off).
 */
public final class AddForeignKeyBlocksWrites implements StatementRule {

    @Override
    public String summary() {
        return "ADD FOREIGN KEY validates every row while writes to both tables wait (PostgreSQL) or copies the table"
                + " (MySQL/MariaDB with foreign_key_checks = 1)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ADD") || c.addedColumn() >= 0 || !c.has("FOREIGN", "KEY")) {
                continue;
            }
            int ref = c.find("REFERENCES");
            String parent = ref < 0 ? "the referenced table" : s.nameAt(ref + 1);
            if (context.mysqlFamily()) {
                if (context.foreignKeyChecksOff()) {
                    return List.of();
                }
                return List.of(new Finding(id(), Severity.ERROR, table,
                        "ADD FOREIGN KEY ... REFERENCES " + parent + " with foreign_key_checks = 1 can only copy "
                                + table + " (INPLACE and INSTANT are refused): writes wait for the whole copy (13-23 s"
                                + " per million rows measured on MariaDB 10.11).",
                        "Count the orphans first, then run the ALTER after SET SESSION foreign_key_checks = 0 (in"
                                + " place or instant, no copy) and count them again: existing rows are not checked"
                                + " that way.", null));
            }
            if (c.has("NOT", "VALID")) {
                continue;
            }
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "ADD FOREIGN KEY on " + table + " REFERENCES " + parent + " takes SHARE ROW EXCLUSIVE on " + table
                            + " and on " + parent + " and holds both while it scans " + table + ": every INSERT,"
                            + " UPDATE and DELETE on both tables waits for the whole scan.",
                    "Add it NOT VALID (milliseconds, new writes checked), then VALIDATE CONSTRAINT in a later"
                            + " transaction: SHARE UPDATE EXCLUSIVE on " + table + " and ROW SHARE on " + parent
                            + ", writes go on.", null));
        }
        return List.of();
    }
}
