package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ADD COLUMN c type NOT NULL} without a default on an existing table. PostgreSQL refuses it on a non-empty
 * table (measured: "column c of relation t contains null values"), so the migration fails in production though it
 * passed on an empty test database. MySQL/MariaDB add it instantly and give existing rows the type's implicit value
 * (0, ''), but from then on every INSERT of the running app that leaves the column out fails in strict mode
 * (measured on MariaDB 10.11: "Field 'c' doesn't have a default value").
 */
public final class AddColumnNotNullWithoutDefault implements StatementRule {
    private static final Set<String> GENERATES = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8",
            "SERIAL2");

    @Override
    public String summary() {
        return "ADD COLUMN ... NOT NULL without a default on an existing table fails (PostgreSQL) or breaks the running"
                + " app's INSERTs (MySQL/MariaDB)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int col = c.addedColumn();
            if (col < 0 || !c.has("NOT", "NULL") || c.has("DEFAULT") || c.has("IDENTITY") || c.has("AUTO_INCREMENT")
                    || c.has("AS") || c.has("GENERATED") || GENERATES.contains(s.kw(s.afterName(col)))) {
                continue;
            }
            String column = s.nameAt(col);
            out.add(context.mysqlFamily()
                    ? new Finding(id(), Severity.ERROR, table,
                    "ADD COLUMN " + column + " ... NOT NULL without a default on the existing table " + table
                            + ": existing rows get the type's implicit value (0 or ''), and every INSERT of the"
                            + " running app that leaves " + column + " out fails from then on (measured: Field '"
                            + column + "' doesn't have a default value).",
                    "Add it with a DEFAULT the running app can live with (ADD COLUMN " + column + " ... NOT NULL"
                            + " DEFAULT ..., ALGORITHM=INSTANT), or add it nullable, release code that writes it,"
                            + " backfill, then MODIFY it to NOT NULL.", null)
                    : new Finding(id(), Severity.ERROR, table,
                    "ADD COLUMN " + column + " ... NOT NULL without a default on the existing table " + table
                            + " fails as soon as " + table + " has a row (measured: column \"" + column
                            + "\" contains null values), and it would break every INSERT of the running app that"
                            + " leaves " + column + " out.",
                    "Add it with a non-volatile DEFAULT (kept in the catalog from PostgreSQL 11: no rewrite), or add"
                            + " it nullable, backfill in batches, then CHECK (" + column + " IS NOT NULL) NOT VALID,"
                            + " VALIDATE, SET NOT NULL.", null));
        }
        return out;
    }
}
