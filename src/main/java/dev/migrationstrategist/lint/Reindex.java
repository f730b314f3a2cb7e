package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * PostgreSQL {@code REINDEX} without CONCURRENTLY (also {@code REINDEX (CONCURRENTLY false)}): SHARE on the table
 * (measured: ShareLock in pg_locks), so writes wait for the whole rebuild, and ACCESS EXCLUSIVE on the index, so
 * queries that would use it wait too. {@code REINDEX CONCURRENTLY} exists from PostgreSQL 12.
 */
public final class Reindex implements StatementRule {

    @Override
    public String summary() {
        return "REINDEX without CONCURRENTLY blocks writes (and reads that use the index) for the whole rebuild";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (!s.startsWith("REINDEX") || context.mysqlFamily()) {
            return List.of();
        }
        boolean concurrently = concurrently(s);
        int kind = s.skip(1, "CONCURRENTLY");
        if (kind < s.size() && s.token(kind).isSymbol("(")) {
            while (kind < s.size() && !s.token(kind).isSymbol(")")) {
                kind++;
            }
            kind++;
        }
        String what = s.kw(kind);
        String name = s.nameAt(s.skip(kind + 1, "CONCURRENTLY"));
        if (what.equals("TABLE") && context.harmlessTable(name)) {
            return List.of();
        }
        boolean available = context.dialect().version().atLeast(12);
        if (concurrently && available) {
            return List.of();
        }
        String target = (what.isEmpty() ? "" : what.toLowerCase(java.util.Locale.ROOT) + " ")
                + (name == null ? "" : name);
        if (concurrently) {
            return List.of(new Finding(id(), Severity.ERROR, what.equals("TABLE") ? name : null,
                    "REINDEX CONCURRENTLY needs PostgreSQL 12 or later; " + context.dialect().spec()
                            + " refuses it, and a plain REINDEX blocks writes for the whole rebuild.",
                    "On PostgreSQL before 12: CREATE INDEX CONCURRENTLY a new copy of the index, then DROP INDEX"
                            + " CONCURRENTLY the old one (and rename the new one).",
                    null));
        }
        return List.of(new Finding(id(), Severity.ERROR, what.equals("TABLE") ? name : null,
                "REINDEX " + target + " takes SHARE on the table (measured: ShareLock) and ACCESS EXCLUSIVE on"
                        + " each index it rebuilds: every INSERT, UPDATE and DELETE waits for the whole rebuild,"
                        + " and so does every query that would use the index.",
                "REINDEX " + (what.isEmpty() ? "" : what + " ") + "CONCURRENTLY " + (name == null ? "..." : name)
                        + ", outside a transaction (PostgreSQL 12+): SHARE UPDATE EXCLUSIVE, reads and writes go on.",
                null));
    }

    /** CONCURRENTLY as a keyword or option, unless the option says false/off/0. */
    static boolean concurrently(SqlStatement s) {
        int c = s.find(0, "CONCURRENTLY");
        if (c < 0) {
            return false;
        }
        String value = c + 1 < s.size() ? s.token(c + 1).text().toLowerCase(java.util.Locale.ROOT) : "";
        return !(value.equals("false") || value.equals("off") || value.equals("0"));
    }
}
