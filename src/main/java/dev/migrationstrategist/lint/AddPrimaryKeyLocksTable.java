package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * The token form of the guard rule of the same id, for the PostgreSQL {@code ADD [CONSTRAINT n] PRIMARY KEY (...)}
 * forms the plan's SQL reader does not read: the index is built under ACCESS EXCLUSIVE, like ADD UNIQUE (LOCKS.md),
 * unless it is {@code USING INDEX} of an index built concurrently before.
 */
public final class AddPrimaryKeyLocksTable implements StatementRule {

    @Override
    public String summary() {
        return "ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE: reads and writes wait";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.mysqlFamily() || context.harmlessTable(table)) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (!c.startsWith("ADD") || c.addedColumn() >= 0 || !c.has("PRIMARY", "KEY") || c.has("USING", "INDEX")) {
                continue;
            }
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "ADD PRIMARY KEY on " + table + " builds the unique index (and checks NOT NULL) under ACCESS"
                            + " EXCLUSIVE: reads and writes of " + table + " wait for the whole build.",
                    "CREATE UNIQUE INDEX CONCURRENTLY first (outside a transaction), make the columns NOT NULL through"
                            + " a validated CHECK, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX (milliseconds).",
                    null));
        }
        return List.of();
    }
}
