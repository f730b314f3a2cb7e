package dev.migrationstrategist.statement;

/** One method per backfill statement kind: a renderer (one per engine family) implements all of them. */
public interface BackfillVisitor<R> {
    R copyBatch(CopyBatch s, KeyParameters p);

    R insertSelectBatch(InsertSelectBatch s, KeyParameters p);

    R updateJoinBatch(UpdateJoinBatch s, KeyParameters p);

    R nextKey(NextKey s, KeyParameters p);

    R minKey(MinKey s, KeyParameters p);

    R countRows(CountRows s, KeyParameters p);
}
