package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;
import java.util.Locale;

/**
 * A guardrail rule: looks at one requested change in its context and says what the naive statement would do.
 * One class per rule; the id is the kebab-case of the class name; the {@code permits} clause is the only list.
 */
public sealed interface Rule permits RenameColumnInUse, AddColumnDefaultRewrite, DropColumnInUse, SetNotNullScan,
        ChangeColumnTypeRewrite, ChangeColumnTypeNarrowing, ChangeColumnTypeResultType, DropDefaultNotNull,
        AddCheckScansTable, AddForeignKeyBlocksWrites, AddUniqueLocksTable, AddPrimaryKeyLocksTable,
        CreateIndexBlocksWrites, DropIndexLocksTable, DropTableInUse, RenameTableInUse, AddDomainCheckScansTables,
        RoutineChangesWithApp {

    List<Finding> check(Change change, PlanContext context);

    /** kebab-case of the class name: {@code RenameColumnInUse} → {@code rename-column-in-use}. */
    default String id() {
        return idOf(getClass());
    }

    static String idOf(Class<?> type) {
        return Ids.BY_CLASS.get(type);
    }

    /** Computed once per class: lint asks every rule's id for every statement of a run. */
    final class Ids {
        private static final ClassValue<String> BY_CLASS = new ClassValue<>() {
            @Override
            protected String computeValue(Class<?> type) {
                return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            }
        };

        private Ids() {
        }
    }
}
