package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * MySQL/MariaDB DDL without {@code ALGORITHM}/{@code LOCK}: the server silently falls back to a table copy that
 * blocks writes when the cheap algorithm is not possible. Naming the algorithm makes it refuse instead.
 */
public final class DdlWithoutAlgorithm implements StatementRule {

    @Override
    public String summary() {
        return "MySQL/MariaDB DDL without ALGORITHM/LOCK can silently copy the table (or names ALGORITHM=COPY)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        boolean ddl = s.startsWith("ALTER", "TABLE") || Shapes.isCreateIndex(s) || s.startsWith("DROP", "INDEX");
        if (!context.mysqlFamily() || !ddl) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.harmlessTable(table) || renameOnly(s)) {
            return List.of();
        }
        String statement = s.oneLine();
        if (names(s, "COPY")) {
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "ALGORITHM=COPY copies every row of " + table + " into a new table; writes wait for the whole"
                            + " copy (18-20 s per million rows measured, even for a change the server could do"
                            + " instantly).",
                    "Ask for the cheapest algorithm and let the server refuse if it cannot: "
                            + statement.replaceAll("(?i)ALGORITHM\\s*=?\\s*COPY", "ALGORITHM=INSTANT")
                            + "; if it is refused, try ALGORITHM=INPLACE, LOCK=NONE; if only COPY works, use an"
                            + " online schema-change tool (gh-ost, pt-online-schema-change) or plan it:"
                            + " strategist plan --dialect " + context.dialect().spec() + " --sql \"" + statement + "\"",
                    null));
        }
        if (s.contains("ALGORITHM") || s.contains("CONVERT", "TO")) {
            return List.of(); // CONVERT TO: charset-change says what it does and which algorithm to name
        }
        boolean index = Shapes.isCreateIndex(s) || s.startsWith("DROP", "INDEX") || s.contains("ADD", "INDEX")
                || s.contains("ADD", "KEY") || s.contains("ADD", "UNIQUE") || s.contains("DROP", "INDEX")
                || s.contains("ADD", "FULLTEXT") || s.contains("ADD", "SPATIAL");
        boolean rebuild = Locks.rebuilds(s); // ENGINE= / FORCE: INSTANT is refused, INPLACE accepted (measured)
        String clause = index || rebuild ? "ALGORITHM=INPLACE, LOCK=NONE" : "ALGORITHM=INSTANT";
        String fixed = s.startsWith("ALTER") ? statement + ", " + clause : statement + " " + clause.replace(",", "");
        return List.of(new Finding(id(), Severity.WARNING, table,
                "No ALGORITHM/LOCK clause: when " + (table == null ? "the table" : table) + " cannot be changed "
                        + (index || rebuild ? "in place" : "instantly") + ", the server silently copies the whole table instead,"
                        + " blocking writes for the length of the copy.",
                "Name the algorithm so the server refuses rather than copies: " + fixed + ";",
                null));
    }

    private static boolean names(SqlStatement s, String algorithm) {
        int i = s.find(0, "ALGORITHM");
        if (i < 0) {
            return false;
        }
        int v = i + 1 < s.size() && s.token(i + 1).isSymbol("=") ? i + 2 : i + 1;
        return s.kw(v).equals(algorithm);
    }

    private static boolean renameOnly(SqlStatement s) {
        int after = Shapes.afterAlteredTable(s);
        return after >= 0 && s.matchesAt(after, "RENAME") && !s.matchesAt(after + 1, "COLUMN")
                && !s.matchesAt(after + 1, "INDEX") && !s.matchesAt(after + 1, "KEY") && !s.contains(",");
    }
}
