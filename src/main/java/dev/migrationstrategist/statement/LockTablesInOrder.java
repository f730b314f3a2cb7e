package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * PostgreSQL {@code LOCK TABLE a, b IN ACCESS EXCLUSIVE MODE} at the start of a transactional step: the step takes
 * every table lock it needs up front, in the order given (the server locks the tables one by one in that order), so
 * it never holds one of them while the statements that follow wait for another. Put in the order the application
 * writes the tables (a parent before its children), the step then waits for an application transaction instead of
 * closing a cycle with it; and since the step is the first to wait, a cycle with an application that locks the tables
 * the other way round makes the step the deadlock victim (it retries), not the application. Held until the step's
 * transaction ends; nothing to probe in the catalog (harmless to run again).
 */
public record LockTablesInOrder(List<Ident> tables) implements Statement {
    public LockTablesInOrder {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("LOCK TABLE needs at least one table");
        }
    }

    @Override
    public String kind() {
        return "lock_tables_in_order";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.lockTablesInOrder(this);
    }
}
