package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * {@code INSERT INTO into (cols) SELECT cols FROM table [alias] WHERE key > :last_id AND key <= :next_id
 * [AND predicate]} and what a row whose {@code conflictKey} is already there gets: skipped (PostgreSQL
 * {@code ON CONFLICT DO NOTHING}, MySQL {@code INSERT IGNORE}) or updated with the selected values ({@code ON CONFLICT
 * DO UPDATE}, {@code ON DUPLICATE KEY UPDATE}), so a batch can run again.
 *
 * @param alias         the source table's alias, or null; with one, the selected columns and the key are qualified
 * @param selectColumns the source columns, in the order of {@code intoColumns}
 * @param predicate     which rows of the range to copy, as the dialect writes it, or null for all of them
 * @param lockRows      the source rows of the range are locked in key order before they are read, so the copy takes
 *                      their latest values and no write changes them until the batch commits (PostgreSQL {@code ORDER
 *                      BY key FOR NO KEY UPDATE}; MySQL/MariaDB need nothing: InnoDB reads the source rows of an
 *                      {@code INSERT ... SELECT} with shared locks, which return the latest committed row). Without
 *                      it PostgreSQL copies the values of the statement's snapshot: an upsert then writes a value
 *                      read before a client's newer write over that write
 */
public record InsertSelectBatch(Ident table, Ident alias, Ident keyColumn, List<Ident> selectColumns, String predicate,
                                Ident into, List<Ident> intoColumns, Ident conflictKey, OnConflict onConflict,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean lockRows)
        implements BatchStatement {
    /** What a row whose key is already in the target gets. */
    public enum OnConflict {
        /** It is left as it is. */
        SKIP,
        /** Its columns other than the conflict key take the selected values. */
        UPDATE
    }

    public InsertSelectBatch {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
        Objects.requireNonNull(into, "into");
        Objects.requireNonNull(conflictKey, "conflictKey");
        Objects.requireNonNull(onConflict, "onConflict");
        selectColumns = List.copyOf(selectColumns);
        intoColumns = List.copyOf(intoColumns);
        if (selectColumns.isEmpty() || selectColumns.size() != intoColumns.size()) {
            throw new IllegalArgumentException("an insert batch selects one column per target column, got "
                    + selectColumns + " into " + intoColumns);
        }
        if (!intoColumns.contains(conflictKey)) {
            throw new IllegalArgumentException("the conflict key " + conflictKey + " is not among " + intoColumns);
        }
    }

    /** A batch that reads the source rows without locking them (an insert that skips existing rows). */
    public InsertSelectBatch(Ident table, Ident alias, Ident keyColumn, List<Ident> selectColumns, String predicate,
                             Ident into, List<Ident> intoColumns, Ident conflictKey, OnConflict onConflict) {
        this(table, alias, keyColumn, selectColumns, predicate, into, intoColumns, conflictKey, onConflict, false);
    }

    /** The target columns an {@link OnConflict#UPDATE} sets: all but the conflict key. */
    public List<Ident> updatedColumns() {
        return intoColumns.stream().filter(c -> !c.equals(conflictKey)).toList();
    }

    @Override
    public Ident rangeTable() {
        return table;
    }

    @Override
    public String kind() {
        return "insert_select_batch";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.insertSelectBatch(this, parameters);
    }
}
