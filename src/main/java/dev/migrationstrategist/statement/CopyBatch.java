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
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> quietTriggers)
        implements BatchStatement {
    public CopyBatch {
        quietTriggers = quietTriggers == null ? List.of() : List.copyOf(quietTriggers);
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
