package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * PostgreSQL {@code ALTER TABLE ... SET LOGGED} / {@code SET UNLOGGED} rewrites the table and its indexes under
 * ACCESS EXCLUSIVE (measured on PostgreSQL 15: the relfilenode changed; SET LOGGED also writes the whole table to
 * the WAL).
 */
public final class SetLoggedRewrite implements StatementRule {

    @Override
    public String summary() {
        return "SET LOGGED / SET UNLOGGED rewrites an existing table under ACCESS EXCLUSIVE";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (c.startsWith("SET", "LOGGED") || c.startsWith("SET", "UNLOGGED")) {
                String what = s.kw(c.from() + 1);
                return List.of(new Finding(id(), Severity.ERROR, table,
                        "SET " + what + " rewrites " + table + " and all its indexes under ACCESS EXCLUSIVE"
                                + " (measured: new relfilenode): reads and writes wait for the whole rewrite"
                                + (what.equals("LOGGED") ? ", and the whole table goes through the WAL" : "") + ".",
                        "Create the new table " + what.toLowerCase(java.util.Locale.ROOT) + " from the start and move"
                                + " the rows in batches (expand/contract), or accept the rewrite in a maintenance"
                                + " window.", null));
            }
        }
        return List.of();
    }
}
