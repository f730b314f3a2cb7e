package dev.migrationstrategist.plan;

import java.util.List;
import java.util.Objects;

/**
 * A batched, idempotent, resumable data copy, run out of band in short transactions.
 *
 * @param query          the plain statement a person would write (the seed's {@code query})
 * @param batchSql       one batch over a keyset range: placeholders {@code :last_id} and {@code :next_id}
 * @param nextKeySql     finds {@code :next_id} from {@code :last_id} and {@code :batch_size}; null when the
 *                       batch statement ranges itself
 * @param remainingSql   counts the rows the backfill still has to fix; 0 means done (the verification gate)
 * @param keyColumn      the primary-key column the ranges are taken over
 */
public record BackfillStep(int number, String title, String targetTable, String details, List<String> bullets,
                           String query, String batchSql, String nextKeySql, String remainingSql, String keyColumn,
                           int batchSize, List<String> actions, String stateAfter, Rollback rollback) implements Step {
    public BackfillStep {
        Objects.requireNonNull(targetTable, "targetTable");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(batchSql, "batchSql");
        Objects.requireNonNull(keyColumn, "keyColumn");
        bullets = List.copyOf(bullets);
        actions = List.copyOf(actions);
        Objects.requireNonNull(rollback, "rollback");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    @Override
    public Phase phase() {
        return Phase.BACKFILL;
    }

    @Override
    public String action() {
        return null;
    }

    @Override
    public BackfillStep numbered(int number, String title) {
        return new BackfillStep(number, title, targetTable, details, bullets, query, batchSql, nextKeySql,
                remainingSql, keyColumn, batchSize, actions, stateAfter, rollback);
    }
}
