package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * One batch of a keyset backfill: it touches the rows whose {@link #keyColumn()} of {@link #rangeTable()} lies in
 * {@code (:last_id, :next_id]} ({@code [:last_id, :next_id]} for the first batch) and is idempotent, so a batch can be
 * run again.
 */
public sealed interface BatchStatement extends BackfillStatement permits CopyBatch, InsertSelectBatch, UpdateJoinBatch {

    /** The table whose key the ranges are taken over. */
    Ident rangeTable();

    /** The single-column, ordered key of {@link #rangeTable()}. */
    Ident keyColumn();

    @Override
    default List<KeyParameters.Param> parameters() {
        return List.of(KeyParameters.Param.LAST_ID, KeyParameters.Param.NEXT_ID);
    }

    /**
     * The user triggers of the written table that must not fire for this batch, because they would change other
     * columns of every backfilled row (a {@code BEFORE UPDATE} "last updated" trigger). Runs only where the dialect
     * can keep a session's writes from firing them ({@code Dialect.quietTriggersStatement}); the plan names them.
     */
    default List<Ident> quietTriggers() {
        return List.of();
    }

    /** The query that finds this batch's upper key. */
    default NextKey nextKey() {
        return new NextKey(rangeTable(), keyColumn());
    }

    /** The query that finds the first batch's lower key. */
    default MinKey minKey() {
        return new MinKey(rangeTable(), keyColumn());
    }
}
