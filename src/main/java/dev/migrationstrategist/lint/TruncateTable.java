package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.schema.Ident;

import java.util.List;

/** {@code TRUNCATE} of an existing table deletes every row and takes an exclusive lock. */
public final class TruncateTable implements StatementRule {

    @Override
    public String summary() {
        return "TRUNCATE deletes every row of an existing table under an exclusive lock";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (!s.startsWith("TRUNCATE")) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.isNewTable(table)) {
            return List.of();
        }
        String lock = context.mysqlFamily()
                ? "an exclusive metadata lock (it drops and recreates the table; it cannot be rolled back)"
                : "an ACCESS EXCLUSIVE lock" + (s.contains("CASCADE")
                ? " on it and, through CASCADE, on every table that references it, which are emptied too" : "");
        String q = table == null ? "the_table" : context.dialect().quote(Ident.of(table));
        return List.of(new Finding(id(), Severity.ERROR, table,
                "TRUNCATE deletes every row of " + (table == null ? "the table" : table) + " and takes " + lock
                        + ": reads and writes wait, and the data is gone for every running app version.",
                "If the rows must go, delete them in batches so no lock is held for long: DELETE FROM " + q
                        + " WHERE <key> IN (SELECT <key> FROM " + q + " LIMIT 10000); repeated until no row is"
                        + " left. If the table is obsolete, stop using it in the app first and drop it in a later"
                        + " release.",
                null));
    }
}
