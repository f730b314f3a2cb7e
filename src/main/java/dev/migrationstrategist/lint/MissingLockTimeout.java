package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.time.Duration;
import java.util.List;

/**
 * A statement that needs a blocking lock on an existing table, with no lock timeout set earlier in the file: while
 * it waits behind a long transaction, every query on the table queues behind it. Reported once per file.
 */
public final class MissingLockTimeout implements StatementRule {

    @Override
    public String summary() {
        return "a blocking lock is requested with no lock timeout set earlier in the file";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (context.lockTimeoutSet()) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (table == null || context.isNewTable(table)) {
            return List.of();
        }
        Impact impact = Locks.of(s, context.dialect());
        if (!impact.blocking() || !context.firstInFile(id())) {
            return List.of();
        }
        String setting = context.dialect().lockTimeoutStatement(Duration.ofSeconds(2));
        String waits = context.mysqlFamily()
                ? "the server default lock_wait_timeout is a day (MariaDB) or a year (MySQL)"
                : "lock_timeout defaults to 0, which waits forever";
        return List.of(new Finding(id(), Severity.WARNING, table,
                "This is the first statement in the file that needs " + Locks.waitsFor(s, context.dialect()) + " and no lock timeout is"
                        + " set before it (" + waits + "). While it waits for a long-running transaction on " + table
                        + ", every query on " + table + " queues behind it: an outage even when the statement itself"
                        + " takes milliseconds.",
                "Put " + setting + " at the top of the file (before the first DDL); the runner should retry the"
                        + " migration when it times out.",
                null));
    }
}
