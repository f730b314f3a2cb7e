package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;
import java.util.Set;

/**
 * {@code LOCK TABLE} in a migration: PostgreSQL's default mode is ACCESS EXCLUSIVE (measured: AccessExclusiveLock in
 * pg_locks until COMMIT); SHARE and stronger modes stop every write. MySQL/MariaDB's {@code LOCK TABLES ... WRITE}
 * stops every other session's reads and writes, {@code READ} every write, until {@code UNLOCK TABLES}.
 */
public final class LockTable implements StatementRule {
    /** PostgreSQL modes that let reads and writes go on. */
    private static final Set<String> HARMLESS = Set.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
            "SHARE UPDATE EXCLUSIVE");

    @Override
    public String summary() {
        return "LOCK TABLE / LOCK TABLES in a migration blocks writes (or reads and writes) until the transaction ends";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (!s.startsWith("LOCK")) {
            return List.of();
        }
        int name = s.skip(1, "TABLE", "TABLES", "ONLY");
        String table = s.nameAt(name);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        if (context.mysqlFamily()) {
            boolean write = s.contains("WRITE");
            return List.of(new Finding(id(), Severity.ERROR, table,
                    "LOCK TABLES " + table + (write ? " WRITE stops every other session's reads and writes"
                            : " READ stops every other session's writes") + " of " + table
                            + " until UNLOCK TABLES; while it waits for running transactions, every later query"
                            + " of " + table + " queues behind it (metadata-lock queue, LOCKS.md).",
                    "Leave the locking to the DDL (ALGORITHM=INSTANT or INPLACE, LOCK=NONE) and change data in small"
                            + " batches by key; if a short critical section is really needed, set a low"
                            + " lock_wait_timeout first and keep only the statements that need it between LOCK and"
                            + " UNLOCK.",
                    null));
        }
        int in = s.find(name, "IN");
        int modeEnd = s.find(name, "MODE");
        String mode = "ACCESS EXCLUSIVE";
        if (in >= 0 && modeEnd > in) {
            StringBuilder sb = new StringBuilder();
            for (int i = in + 1; i < modeEnd; i++) {
                sb.append(sb.length() == 0 ? "" : " ").append(s.kw(i));
            }
            mode = sb.toString();
        }
        if (HARMLESS.contains(mode)) {
            return List.of();
        }
        boolean reads = mode.equals("ACCESS EXCLUSIVE");
        return List.of(new Finding(id(), Severity.ERROR, table,
                "LOCK TABLE " + table + " takes " + mode + " (measured: AccessExclusiveLock for a LOCK TABLE without"
                        + " a mode) and holds it until the transaction ends: every " + (reads ? "read and write"
                        : "INSERT, UPDATE and DELETE") + " of " + table + " waits for the rest of the migration.",
                "Drop the LOCK TABLE: each statement takes the lock it needs for as short as it can; run those under"
                        + " SET lock_timeout = '2s' with retries, and change data in batches by key.",
                null));
    }
}
