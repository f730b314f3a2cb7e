package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored generated column added to an existing table computes the value of every row: PostgreSQL rewrites the
 * table under ACCESS EXCLUSIVE (measured: relfilenode changed); MySQL/MariaDB can only copy the table (measured:
 * INSTANT, NOCOPY and INPLACE refused, "Try ALGORITHM=COPY"). A VIRTUAL column is computed on read (MariaDB:
 * INSTANT, measured); PostgreSQL 18 makes generated columns virtual unless STORED is written.
 */
public final class StoredGeneratedColumn implements StatementRule {

    @Override
    public String summary() {
        return "a STORED generated column added to an existing table rewrites (PostgreSQL) or copies (MySQL/MariaDB)"
                + " the table";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        boolean pg18 = !context.mysqlFamily() && context.dialect().version().atLeast(18);
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int col = c.addedColumn();
            boolean modify = c.startsWith("MODIFY") || c.startsWith("CHANGE");
            if (col < 0 && !modify) {
                continue;
            }
            boolean generated = c.has("GENERATED", "ALWAYS", "AS") && !c.has("IDENTITY") || c.has("AS")
                    && context.mysqlFamily();
            boolean stored = c.has("STORED") || c.has("PERSISTENT") || !context.mysqlFamily() && !pg18
                    && !c.has("VIRTUAL");
            if (!generated || !stored) {
                continue;
            }
            String column = col >= 0 ? s.nameAt(col) : s.nameAt(s.skip(c.from() + 1, "COLUMN"));
            out.add(context.mysqlFamily()
                    ? new Finding(id(), Severity.ERROR, table,
                    "The STORED generated column " + column + " can only be added with ALGORITHM=COPY (measured on"
                            + " MariaDB 10.11: INSTANT, NOCOPY and INPLACE refused): " + table + " is copied and"
                            + " writes wait for the whole copy.",
                    "Make it VIRTUAL (INSTANT, measured) and index it if it must be searched, or add a plain column,"
                            + " keep it filled by the app or a trigger and backfill it in batches; or run the ALTER"
                            + " with gh-ost / pt-online-schema-change.", null)
                    : new Finding(id(), Severity.ERROR, table,
                    "The stored generated column " + column + " computes a value for every row: " + table
                            + " and all its indexes are rewritten under ACCESS EXCLUSIVE (measured: new relfilenode),"
                            + " reads and writes wait for the whole rewrite.",
                    "Add a plain nullable column, fill it for new rows with a trigger, backfill it in batches, then"
                            + " (if it must be NOT NULL) CHECK NOT VALID, VALIDATE, SET NOT NULL.", null));
        }
        return out;
    }
}
