package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * {@code VALIDATE CONSTRAINT} in the same transaction that added the constraint {@code NOT VALID}: the ADD's lock
 * (ACCESS EXCLUSIVE, or SHARE ROW EXCLUSIVE for a foreign key) is held through the whole validation scan, which is
 * exactly what NOT VALID was meant to avoid.
 */
public final class ValidateInSameTransaction implements StatementRule {

    @Override
    public String summary() {
        return "VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the blocking lock during the scan";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        int v = s.find(0, "VALIDATE", "CONSTRAINT");
        if (context.mysqlFamily() || table == null || v < 0 || context.harmlessTable(table)) {
            return List.of();
        }
        String constraint = s.nameAt(v + 2);
        if (!context.notValidAddedInThisTransaction(table, constraint)) {
            return List.of();
        }
        return List.of(new Finding(id(), Severity.ERROR, table,
                "VALIDATE CONSTRAINT " + constraint + " runs in the same transaction (" + context.transactionReason()
                        + ") that added it NOT VALID: the lock taken by the ADD is held until COMMIT, so reads"
                        + " and writes on " + table + " wait for the whole validation scan.",
                "Commit the NOT VALID constraint first and validate it in a later transaction: a separate migration"
                        + " file (Flyway: the next version; Liquibase: the next changeset), or after COMMIT. VALIDATE"
                        + " alone takes only a SHARE UPDATE EXCLUSIVE lock, which blocks neither reads nor writes.",
                null));
    }
}
