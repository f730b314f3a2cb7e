package dev.migrationstrategist.statement;

import java.util.List;

/**
 * A statement that runs another one under a condition ({@link Guarded}) or a lock-wait rule ({@link NoLockWait}): what
 * it creates and drops, its catalog facts and its transactionality are the wrapped statement's.
 */
public sealed interface Wrapping extends Statement permits Guarded, NoLockWait {
    /** The statement that runs. */
    Statement statement();

    @Override
    default List<DbObject> creates() {
        return statement().creates();
    }

    @Override
    default List<DbObject> drops() {
        return statement().drops();
    }

    @Override
    default List<Fact> before() {
        return statement().before();
    }

    @Override
    default List<Fact> after() {
        return statement().after();
    }

    @Override
    default boolean transactional() {
        return statement().transactional();
    }
}
