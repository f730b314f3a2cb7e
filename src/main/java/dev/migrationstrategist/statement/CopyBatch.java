package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * {@code UPDATE t SET c = expr, ... WHERE key > :last_id AND key <= :next_id AND <predicate>}: sets columns of a
 * table from expressions over the same row, for the rows of the range that still need it.
 *
 * @param predicate     which rows still need it (the target differs from its source, or is NULL), as the dialect
 *                      writes it
 * @param quietTriggers the table's own triggers that must not fire for this batch ({@link BatchStatement#quietTriggers})
 */
public record CopyBatch(Ident table, Ident keyColumn, List<Assignment> assignments, String predicate,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> quietTriggers,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> moreKeyColumns,
                        @JsonInclude(JsonInclude.Include.NON_NULL) KeyComparison keyComparison)
        implements BatchStatement {
    public CopyBatch {
        quietTriggers = quietTriggers == null ? List.of() : List.copyOf(quietTriggers);
        moreKeyColumns = moreKeyColumns == null ? List.of() : List.copyOf(moreKeyColumns);
        keyComparison = KeyParameters.checkComparison(moreKeyColumns, keyComparison);
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
        assignments = List.copyOf(assignments);
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("a copy batch sets at least one column");
        }
        Objects.requireNonNull(predicate, "predicate");
    }

    /** A batch that fires every trigger of the table. */
    public CopyBatch(Ident table, Ident keyColumn, List<Assignment> assignments, String predicate) {
        this(table, keyColumn, assignments, predicate, List.of());
    }

    /** A batch over a one-column key. */
    public CopyBatch(Ident table, Ident keyColumn, List<Assignment> assignments, String predicate,
                     List<Ident> quietTriggers) {
        this(table, keyColumn, assignments, predicate, quietTriggers, List.of(), null);
    }

    /** A batch over a key of one or more columns. */
    public static CopyBatch over(Ident table, List<Ident> key, KeyComparison comparison,
                                 List<Assignment> assignments, String predicate, List<Ident> quietTriggers) {
        return new CopyBatch(table, key.get(0), assignments, predicate, quietTriggers, key.subList(1, key.size()),
                key.size() > 1 ? comparison : null);
    }

    /**
     * The same batch addressed to one partition of its (partitioned) table: the rows, key and predicate are the
     * partition's own, and the server plans the batch on that partition alone (a bound over the parent's key prunes
     * no partition, docs/partitioned-tables.md).
     */
    public CopyBatch onPartition(Ident partition) {
        return new CopyBatch(partition, keyColumn, assignments, predicate, quietTriggers, moreKeyColumns,
                keyComparison);
    }

    @Override
    public Ident rangeTable() {
        return table;
    }

    @Override
    public String kind() {
        return "copy_batch";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.copyBatch(this, parameters);
    }
}
