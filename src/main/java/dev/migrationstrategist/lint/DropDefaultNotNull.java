package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The token form of the guard rule of the same id, for the case lint sees without State A: {@code DROP DEFAULT} on a
 * column added {@code NOT NULL} (with a default) to an existing table earlier in the run. Every INSERT of the
 * running app that leaves the column out fails from then on (PostgreSQL: null value violates not-null constraint;
 * MariaDB 10.11, measured: "Field ... doesn't have a default value").
 */
public final class DropDefaultNotNull implements StatementRule {

    @Override
    public String summary() {
        return "DROP DEFAULT on a NOT NULL column makes the running app's INSERTs that leave it out fail";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ALTER") || !c.has("DROP", "DEFAULT")) {
                continue;
            }
            String column = s.nameAt(s.skip(c.from() + 1, "COLUMN"));
            if (!context.addedNotNullInRun(table, column) && !addedHere(s, column)) {
                continue;
            }
            out.add(new Finding(id(), Severity.ERROR, table,
                    "DROP DEFAULT on " + table + "." + column + ", added NOT NULL just before: every INSERT of the"
                            + " running app that leaves " + column + " out fails from then on (it does not know the"
                            + " column yet).",
                    "Keep the default until a release that writes " + column + " on every INSERT runs everywhere, then"
                            + " drop it in a later migration.", null));
        }
        return out;
    }

    private static boolean addedHere(SqlStatement s, String column) {
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int col = c.addedColumn();
            if (col >= 0 && column != null && column.equals(s.nameAt(col)) && c.has("NOT", "NULL")) {
                return true;
            }
        }
        return false;
    }
}
