package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The token form of the guard rule of the same id, for every PostgreSQL {@code DROP INDEX} without CONCURRENTLY,
 * each index of {@code DROP INDEX a, b} judged: ACCESS EXCLUSIVE on the table and the index (LOCKS.md); it runs in
 * milliseconds, but while it waits behind an open transaction every read and write of the table queues behind it.
 * {@code DROP INDEX CONCURRENTLY} takes one index only (PostgreSQL refuses a list).
 */
public final class DropIndexLocksTable implements StatementRule {

    @Override
    public String summary() {
        return "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table: reads and writes queue behind it";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (context.mysqlFamily() || !s.startsWith("DROP", "INDEX")) {
            return List.of();
        }
        boolean concurrently = s.matchesAt(2, "CONCURRENTLY");
        List<String> names = new ArrayList<>();
        int i = s.skip(2, "CONCURRENTLY", "IF", "EXISTS");
        while (i < s.size()) {
            String n = s.nameAt(i);
            if (n == null || s.token(i).is("CASCADE") || s.token(i).is("RESTRICT")) {
                break;
            }
            names.add(n);
            i = s.afterName(i);
            if (i < s.size() && s.token(i).isSymbol(",")) {
                i++;
            } else {
                break;
            }
        }
        if (names.isEmpty() || context.harmlessTable(Shapes.table(s))) {
            return List.of();
        }
        if (concurrently && names.size() == 1) {
            return List.of();
        }
        List<String> fixes = names.stream().map(n -> "DROP INDEX CONCURRENTLY IF EXISTS " + n + ";").toList();
        if (concurrently) {
            return List.of(new Finding(id(), Severity.ERROR, null,
                    "DROP INDEX CONCURRENTLY " + String.join(", ", names) + ": PostgreSQL drops only one index per"
                            + " concurrent drop and refuses the statement, so the migration fails.",
                    "One statement per index, each outside a transaction: " + String.join(" ", fixes), null));
        }
        return List.of(new Finding(id(), Severity.ERROR, null,
                "DROP INDEX " + String.join(", ", names) + " takes an ACCESS EXCLUSIVE lock on the table of "
                        + (names.size() == 1 ? "the index" : "each of the " + names.size() + " indexes")
                        + ": it runs in milliseconds, but while it waits behind any open transaction on the table,"
                        + " every read and write of the table queues behind it.",
                String.join(" ", fixes) + " Each outside a transaction: SHARE UPDATE EXCLUSIVE, reads and writes"
                        + " go on.", null));
    }
}
