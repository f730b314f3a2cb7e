package dev.migrationstrategist.lint;

import dev.migrationstrategist.guard.Rule;
import dev.migrationstrategist.finding.Finding;

import java.util.Arrays;
import java.util.List;

/**
 * A lint rule about a statement that is not a requested change (VACUUM FULL, a missing lock timeout, a
 * CONCURRENTLY inside a transaction): it looks at one statement of a migration file in its context. Changes are
 * judged by {@link Rule}. One class per rule; the id is the kebab-case of the class name; the {@code permits}
 * clause is the only list.
 */
public sealed interface StatementRule permits VacuumFull, ClusterTable, TruncateTable, ConcurrentIndexInTransaction,
        MissingLockTimeout, DdlWithoutAlgorithm, EnumValueInTransaction, SerialPrimaryKeyOnExistingTable,
        ValidateInSameTransaction, CreateTableAsSelect, LockTable, Reindex, WholeTableDml, CreateIndexBlocksWrites,
        DropIndexLocksTable, AddColumnNotNullWithoutDefault, AddColumnInlineConstraint, StoredGeneratedColumn,
        SetLoggedRewrite, ExclusionConstraint, ChangeColumnTypeWithoutSchema, DropDefaultNotNull, RenameColumnInUse,
        DropPrimaryKey, PartitionChange, FulltextIndex, DdlLockClause, AddUniqueLocksTable, AddForeignKeyBlocksWrites,
        AddCheckScansTable, AddPrimaryKeyLocksTable, SetNotNullScan, CharsetChange, TableRebuild {

    List<Finding> check(SqlStatement statement, LintContext context);

    /** One sentence: what the rule catches (SARIF shortDescription, rule listings). */
    String summary();

    default String id() {
        return Rule.idOf(getClass());
    }

    /** Every statement rule, in permits order. */
    static List<StatementRule> all() {
        return Holder.ALL;
    }

    /** Lazily built so that loading the interface does not instantiate every rule. */
    final class Holder {
        private static final List<StatementRule> ALL = Arrays.stream(StatementRule.class.getPermittedSubclasses())
                .map(Holder::instantiate).toList();

        private Holder() {
        }

        private static StatementRule instantiate(Class<?> type) {
            try {
                return (StatementRule) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("rule " + type.getName() + " needs a public no-argument constructor", e);
            }
        }
    }
}
