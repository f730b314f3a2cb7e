package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL {@code ADD COLUMN} with an inline {@code REFERENCES}, {@code UNIQUE}, {@code PRIMARY KEY} or
 * {@code CHECK} on an existing table: the constraint comes in the same statement, under the column's ACCESS
 * EXCLUSIVE lock, with no NOT VALID or CONCURRENTLY form. Measured on PostgreSQL 15: REFERENCES took
 * ShareRowExclusive on the referenced table too (its writes wait); UNIQUE / PRIMARY KEY build an index under
 * AccessExclusive (ShareLock + AccessExclusiveLock); CHECK is verified over the table under AccessExclusive.
 * MySQL/MariaDB: ADD COLUMN ... UNIQUE was accepted with ALGORITHM=INPLACE, LOCK=NONE and CHECK with
 * ALGORITHM=INSTANT (measured), so they are not flagged there.
 */
public final class AddColumnInlineConstraint implements StatementRule {
    private static final java.util.Set<String> SERIALS = java.util.Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL",
            "SERIAL2", "SERIAL4", "SERIAL8");

    @Override
    public String summary() {
        return "ADD COLUMN with an inline REFERENCES, UNIQUE, PRIMARY KEY or CHECK locks an existing table while the"
                + " constraint is built or checked";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int col = c.addedColumn();
            if (col < 0) {
                continue;
            }
            String column = s.nameAt(col);
            if (SERIALS.contains(s.kw(s.afterName(col))) || c.has("IDENTITY")) {
                continue; // serial-primary-key-on-existing-table owns a generated key column
            }
            if (c.has("REFERENCES")) {
                String parent = s.nameAt(c.find("REFERENCES") + 1);
                out.add(new Finding(id(), Severity.ERROR, table,
                        "ADD COLUMN " + column + " ... REFERENCES " + parent + " adds the foreign key in the same"
                                + " statement: ACCESS EXCLUSIVE on " + table + " and SHARE ROW EXCLUSIVE on " + parent
                                + " (measured), so writes to both tables wait, with no NOT VALID form.",
                        "Add the column plain, then ADD CONSTRAINT ... FOREIGN KEY (" + column + ") REFERENCES "
                                + parent + " NOT VALID, and VALIDATE CONSTRAINT in a later transaction.", null));
            }
            if (c.has("UNIQUE") || c.has("PRIMARY", "KEY")) {
                String kind = c.has("UNIQUE") ? "UNIQUE" : "PRIMARY KEY";
                out.add(new Finding(id(), Severity.ERROR, table,
                        "ADD COLUMN " + column + " ... " + kind + " builds the index under the ACCESS EXCLUSIVE lock"
                                + " of the ALTER (measured: ShareLock + AccessExclusiveLock): reads and writes of "
                                + table + " wait for the whole build.",
                        "Add the column plain, CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT ... "
                                + kind + " USING INDEX (" + (kind.equals("PRIMARY KEY")
                                ? "the column NOT NULL first, through a validated CHECK" : "milliseconds") + ").",
                        null));
            }
            if (c.has("CHECK")) {
                out.add(new Finding(id(), Severity.ERROR, table,
                        "ADD COLUMN " + column + " ... CHECK verifies the check over " + table + " under the ACCESS"
                                + " EXCLUSIVE lock of the ALTER: reads and writes wait, with no NOT VALID form inline.",
                        "Add the column plain, then ADD CONSTRAINT ... CHECK (...) NOT VALID and VALIDATE CONSTRAINT"
                                + " in a later transaction.", null));
            }
        }
        return out;
    }
}
