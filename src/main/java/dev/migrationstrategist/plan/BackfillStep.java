package dev.migrationstrategist.plan;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.NextKey;
import dev.migrationstrategist.statement.RenderedBackfill;

import java.util.List;
import java.util.Objects;

/**
 * A batched, idempotent, resumable data copy, run out of band in short transactions. Its statements are data
 * ({@code statement/}) with the SQL their dialect renders (placeholders {@code :last_id}, {@code :next_id},
 * {@code :batch_size}); {@code apply} runs the statements, binding the placeholders.
 *
 * @param query     the plain statement a person would write (the seed's {@code query})
 * @param batch     one batch over a keyset range
 * @param nextKey   finds {@code :next_id} from {@code :last_id} and {@code :batch_size}, over the batch's range table
 *                  and key
 * @param remaining counts the rows the backfill still has to fix; 0 means done (the verification gate)
 * @param partitions the leaf partitions of a partitioned table (PostgreSQL), in the order they are walked: each gets
 *                   its own key cursor and batches addressed to it ({@link #batchOn}); {@code batch} and
 *                   {@code nextKey} are then the statements over the parent that each partition's are made from.
 *                   Empty: the batches walk {@code batch}'s range table itself
 */
public record BackfillStep(int number, String title, String targetTable, String details, List<String> bullets,
                           String query, RenderedBackfill<BatchStatement> batch, RenderedBackfill<NextKey> nextKey,
                           RenderedBackfill<CountRows> remaining, int batchSize, List<String> actions,
                           String stateAfter, Rollback rollback, Phase phase, List<Ident> partitions)
        implements Step {
    public BackfillStep {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        if (!partitions.isEmpty() && !(batch != null && batch.statement() instanceof CopyBatch)) {
            throw new IllegalArgumentException("only a copy batch walks partitions");
        }
        Objects.requireNonNull(phase, "phase");
        if (!phase.isBackfill()) {
            throw new IllegalArgumentException("a backfill step cannot be in phase " + phase.jsonName());
        }
        Objects.requireNonNull(targetTable, "targetTable");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(nextKey, "nextKey");
        Objects.requireNonNull(remaining, "remaining");
        if (!nextKey.statement().equals(batch.statement().nextKey())) {
            throw new IllegalArgumentException("the next-key query ranges over " + nextKey.statement().table() + "."
                    + nextKey.statement().keyColumn() + ", the batch over " + batch.statement().rangeTable() + "."
                    + batch.statement().keyColumn());
        }
        bullets = List.copyOf(bullets);
        actions = List.copyOf(actions);
        Objects.requireNonNull(rollback, "rollback");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** A backfill of the {@code backfill} phase (after the first release). */
    public BackfillStep(int number, String title, String targetTable, String details, List<String> bullets,
                        String query, RenderedBackfill<BatchStatement> batch, RenderedBackfill<NextKey> nextKey,
                        RenderedBackfill<CountRows> remaining, int batchSize, List<String> actions, String stateAfter,
                        Rollback rollback) {
        this(number, title, targetTable, details, bullets, query, batch, nextKey, remaining, batchSize, actions,
                stateAfter, rollback, Phase.BACKFILL);
    }

    public BackfillStep(int number, String title, String targetTable, String details, List<String> bullets,
                        String query, RenderedBackfill<BatchStatement> batch, RenderedBackfill<NextKey> nextKey,
                        RenderedBackfill<CountRows> remaining, int batchSize, List<String> actions, String stateAfter,
                        Rollback rollback, Phase phase) {
        this(number, title, targetTable, details, bullets, query, batch, nextKey, remaining, batchSize, actions,
                stateAfter, rollback, phase, List.of());
    }

    /** The same backfill walking each of {@code leaves} (a partitioned table's leaf partitions) on its own. */
    public BackfillStep perPartition(List<Ident> leaves) {
        return new BackfillStep(number, title, targetTable, details, bullets, query, batch, nextKey, remaining,
                batchSize, actions, stateAfter, rollback, phase, leaves);
    }

    /** The batch addressed to one partition of the table (a copy batch's {@link CopyBatch#onPartition}). */
    public BatchStatement batchOn(Ident partition) {
        return ((CopyBatch) batch.statement()).onPartition(partition);
    }

    /** Whether the batches walk each leaf partition with its own cursor. */
    public boolean walksPartitions() {
        return !partitions.isEmpty();
    }

    /** The same backfill in phase {@code backfill_2}: it runs once the second release is everywhere. */
    public BackfillStep afterSecondRelease() {
        return new BackfillStep(number, title, targetTable, details, bullets, query, batch, nextKey, remaining,
                batchSize, actions, stateAfter, rollback, Phase.BACKFILL_2, partitions);
    }

    /** One batch's SQL, with {@code :last_id} and {@code :next_id}. */
    public String batchSql() {
        return batch.sql();
    }

    /** The next-key query's SQL, with {@code :last_id} and {@code :batch_size}. */
    public String nextKeySql() {
        return nextKey.sql();
    }

    /** The count of rows still to fix. */
    public String remainingSql() {
        return remaining.sql();
    }

    /** The primary-key column the ranges are taken over (the first, for a composite key). */
    public String keyColumn() {
        return batch.statement().keyColumn().name();
    }

    /** The key the ranges are taken over as a person reads it: {@code id}, or {@code (payment_date, payment_id)}. */
    public String keyWords() {
        var key = batch.statement().keyColumns();
        return key.size() == 1 ? key.get(0).name()
                : "(" + String.join(", ", key.stream().map(dev.migrationstrategist.schema.Ident::name).toList()) + ")";
    }

    @Override
    public String action() {
        return null;
    }

    @Override
    public BackfillStep numbered(int number, String title) {
        return new BackfillStep(number, title, targetTable, details, bullets, query, batch, nextKey, remaining,
                batchSize, actions, stateAfter, rollback, phase, partitions);
    }
}
