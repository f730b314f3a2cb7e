package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * The token form of the guard rule of the same id, for every non-concurrent PostgreSQL {@code CREATE INDEX}, also
 * the ones the plan's SQL reader cannot read (expression, partial, unnamed, USING method, INCLUDE): SHARE lock on
 * the table for the whole build, every write waits (LOCKS.md: 0.45-0.57 s per million rows). When the reader did
 * read it, the guard rule's finding (with the plan command) is kept and this one is dropped.
 */
public final class CreateIndexBlocksWrites implements StatementRule {

    @Override
    public String summary() {
        return "CREATE INDEX without CONCURRENTLY blocks every write to an existing table for the whole build";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (context.mysqlFamily() || !Shapes.isCreateIndex(s) || s.contains("CONCURRENTLY")) {
            return List.of();
        }
        String table = Shapes.indexedTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        String name = Shapes.createdIndex(s);
        String shape = s.contains("WHERE") ? "partial " : "";
        String fixed = s.oneLine().replaceFirst("(?i)\\bINDEX\\b", "INDEX CONCURRENTLY");
        return List.of(new Finding(id(), Severity.ERROR, table,
                "CREATE " + shape + "INDEX " + (name == null ? "(unnamed) " : name + " ") + "ON " + table
                        + " takes a SHARE lock on " + table + " for the whole build: reads go on, every INSERT,"
                        + " UPDATE and DELETE waits (0.45-0.57 s per million rows measured).",
                fixed + "; outside a transaction (a migration tool that wraps each file in one must opt out); if it"
                        + " fails, DROP INDEX CONCURRENTLY IF EXISTS the INVALID leftover and run it again."
                        + (name == null ? " Name the index, so a failed build's leftover can be found and dropped." : ""),
                null));
    }
}
