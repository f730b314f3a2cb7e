package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/** {@code CREATE/DROP INDEX CONCURRENTLY} and {@code REINDEX CONCURRENTLY} cannot run in a transaction block. */
public final class ConcurrentIndexInTransaction implements StatementRule {

    @Override
    public String summary() {
        return "CONCURRENTLY index operations fail inside a transaction (BEGIN, Flyway, Liquibase)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        boolean concurrent = (Shapes.isCreateIndex(s) || s.startsWith("DROP", "INDEX") || s.startsWith("REINDEX"))
                && Reindex.concurrently(s);
        if (context.mysqlFamily() || !concurrent || !context.inTransaction()) {
            return List.of();
        }
        String table = Shapes.table(s);
        String reason = context.transactionReason();
        String fix;
        if (reason.startsWith("a Flyway")) {
            fix = "Move this statement into a migration file of its own (e.g. the next version) and mark it"
                    + " non-transactional with a " + fileOnly(context.file()) + ".conf next to it containing"
                    + " executeInTransaction=false, so Flyway runs it outside a transaction.";
        } else if (reason.startsWith("a Liquibase")) {
            fix = "Put this statement in a changeset of its own with runInTransaction:false"
                    + " (--changeset author:id runInTransaction:false).";
        } else {
            fix = "Move this statement after the COMMIT (or out of the BEGIN ... COMMIT block): it must run on its"
                    + " own, outside any transaction.";
        }
        return List.of(new Finding(id(), Severity.ERROR, table,
                s.kw(0) + " ... CONCURRENTLY runs inside " + reason + ": PostgreSQL refuses it with \"cannot run"
                        + " inside a transaction block\" and the migration fails (a runner that holds its own lock"
                        + " while waiting can also hang it).",
                fix, null));
    }

    private static String fileOnly(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
