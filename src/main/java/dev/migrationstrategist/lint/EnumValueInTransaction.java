package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/** {@code ALTER TYPE ... ADD VALUE} cannot run inside a transaction block before PostgreSQL 12. */
public final class EnumValueInTransaction implements StatementRule {

    @Override
    public String summary() {
        return "ALTER TYPE ... ADD VALUE fails inside a transaction before PostgreSQL 12";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (context.mysqlFamily() || context.dialect().version().atLeast(12)
                || !s.startsWith("ALTER", "TYPE") || !s.contains("ADD", "VALUE") || !context.inTransaction()) {
            return List.of();
        }
        return List.of(new Finding(id(), Severity.ERROR, null,
                "ALTER TYPE ... ADD VALUE runs inside " + context.transactionReason() + ", and "
                        + context.dialect().displayName() + " refuses it there (\"cannot run inside a transaction"
                        + " block\"; allowed from PostgreSQL 12): the migration fails.",
                "Run it on its own, outside a transaction: a separate migration marked non-transactional"
                        + " (Flyway: executeInTransaction=false; Liquibase: runInTransaction:false), or after the"
                        + " COMMIT. Use the new value only in a later migration.",
                null));
    }
}
