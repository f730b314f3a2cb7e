package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *
 * <p>{@code noWait} ({@code ... NOWAIT}): the locks are taken at once or the statement fails (55P03, which apply
 * retries like a lock timeout). For the tables after the first one a step already holds: an application that
 * locks a child and then waits for the parent the step holds (a child INSERT's foreign-key check) would otherwise be
 * in a cycle with the step's wait for the child, and PostgreSQL may abort the application rather than the step
 * (40P01: 2 of 32 kill points of KillKeyWideningTest at load ~20, where the step was descheduled between its two
 * locks). With NOWAIT the step never waits while it holds a lock.
 */
public record LockTablesInOrder(List<Ident> tables, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean noWait)
        implements Statement {
    public LockTablesInOrder {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("LOCK TABLE needs at least one table");
        }
    }

    /** The tables locked in order, each waiting (under the lock timeout) for its lock. */
    public LockTablesInOrder(List<Ident> tables) {
        this(tables, false);
    }

    /**
     * The first table locked waiting for it, then the others with NOWAIT: the step waits only while it holds nothing.
     */
    public static List<LockTablesInOrder> firstThenNoWait(List<Ident> order) {
        return order.size() == 1 ? List.of(new LockTablesInOrder(order))
                : List.of(new LockTablesInOrder(order.subList(0, 1)),
                new LockTablesInOrder(order.subList(1, order.size()), true));
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
