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

    /** The ordered key of {@link #rangeTable()}: its first column. */
    Ident keyColumn();

    /** The key's further columns when it is composite (a partitioned table's primary key); empty otherwise. */
    default List<Ident> moreKeyColumns() {
        return List.of();
    }

    /** How a composite key is compared with the cursor; null for a one-column key. */
    default KeyComparison keyComparison() {
        return null;
    }

    /** Every column of the key, in order. */
    default List<Ident> keyColumns() {
        List<Ident> out = new java.util.ArrayList<>(List.of(keyColumn()));
        out.addAll(moreKeyColumns());
        return out;
    }

    @Override
    default List<KeyParameters.Slot> slots() {
        return KeyParameters.rangeSlots(keyColumns().size(), keyComparison());
    }

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
        return new NextKey(rangeTable(), keyColumn(), moreKeyColumns(), keyComparison());
    }

    /** The query that finds the first batch's lower key. */
    default MinKey minKey() {
        return new MinKey(rangeTable(), keyColumn(), moreKeyColumns());
    }
}
