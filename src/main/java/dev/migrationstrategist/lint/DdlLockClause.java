package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * MySQL/MariaDB DDL that asks for {@code LOCK=SHARED} (writes wait for the whole operation) or {@code LOCK=EXCLUSIVE}
 * (reads and writes wait), even where the server could run it with LOCK=NONE (LOCKS.md: a COPY with the default
 * lock behaved as LOCK=SHARED: the SELECT answered, the INSERT waited).
 */
public final class DdlLockClause implements StatementRule {

    @Override
    public String summary() {
        return "MySQL/MariaDB DDL with LOCK=SHARED or LOCK=EXCLUSIVE blocks writes (or reads and writes) for its whole run";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        boolean ddl = s.startsWith("ALTER", "TABLE") || Shapes.isCreateIndex(s) || s.startsWith("DROP", "INDEX");
        if (!context.mysqlFamily() || !ddl) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.harmlessTable(table)) {
            return List.of();
        }
        int i = s.find(0, "LOCK");
        while (i >= 0) {
            int v = i + 1 < s.size() && s.token(i + 1).isSymbol("=") ? i + 2 : i + 1;
            String mode = s.kw(v);
            if (mode.equals("SHARED") || mode.equals("EXCLUSIVE")) {
                boolean reads = mode.equals("EXCLUSIVE");
                return List.of(new Finding(id(), Severity.ERROR, table,
                        "LOCK=" + mode + " keeps every " + (reads ? "read and write" : "write") + " of " + table
                                + " waiting for the whole operation.",
                        "Ask for LOCK=NONE (with ALGORITHM=INSTANT or INPLACE) and let the server refuse if it"
                                + " cannot; if only a locking form works, use gh-ost / pt-online-schema-change.", null));
            }
            i = s.find(i + 1, "LOCK");
        }
        return List.of();
    }
}
