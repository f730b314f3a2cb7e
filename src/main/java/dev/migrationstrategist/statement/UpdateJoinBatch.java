package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * Copies {@code columns} from each row of {@code source} into the row of {@code table} with the same key, over key
 * ranges of the source: PostgreSQL {@code UPDATE t a SET c = s.c FROM source s WHERE a.key = s.key AND <range> AND
 * <predicate>}, MySQL {@code UPDATE t a JOIN source s ON a.key = s.key SET a.c = s.c WHERE <range> AND <predicate>}.
 *
 * @param predicate     which joined rows still need it (any column differs), as the dialect writes it
 * @param kept          columns of {@code table} assigned to themselves, so that MySQL/MariaDB leave them as they were
 *                      ({@code ON UPDATE CURRENT_TIMESTAMP} columns change only when no column is set explicitly)
 * @param quietTriggers the table's own triggers that must not fire for this batch ({@link BatchStatement#quietTriggers})
 * @param lockRows      both rows of each key are locked in key order before the values are read: the updated table's
 *                      row first, then the source's, the order of the sync triggers on {@code table} and of an app
 *                      that writes {@code table} first. The copy then takes the source's latest values, and no
 *                      write changes either row until the batch commits (PostgreSQL: a locking subquery, {@code FOR NO
 *                      KEY UPDATE} of the table's row and {@code FOR SHARE NOWAIT} of the source's; MySQL/MariaDB:
 *                      {@code STRAIGHT_JOIN} from the table, whose rows InnoDB reads with exclusive locks, to the
 *                      source, read with shared ones). Without it the copy reads the source as of its snapshot
 *                      (PostgreSQL) or locks the source row first (InnoDB's join order): a stale value written over a
 *                      client's newer one, or a deadlock with a client whose trigger writes the source row
 */
public record UpdateJoinBatch(Ident table, Ident alias, Ident tableKey, Ident source, Ident sourceAlias,
                              Ident sourceKey, List<Ident> columns, String predicate,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> kept,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> quietTriggers,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean lockRows)
        implements BatchStatement {
    public UpdateJoinBatch {
        kept = kept == null ? List.of() : List.copyOf(kept);
        quietTriggers = quietTriggers == null ? List.of() : List.copyOf(quietTriggers);
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(tableKey, "tableKey");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceAlias, "sourceAlias");
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(predicate, "predicate");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an update batch sets at least one column");
        }
    }

    /** A batch that sets only {@code columns} and fires every trigger of the table. */
    public UpdateJoinBatch(Ident table, Ident alias, Ident tableKey, Ident source, Ident sourceAlias,
                           Ident sourceKey, List<Ident> columns, String predicate) {
        this(table, alias, tableKey, source, sourceAlias, sourceKey, columns, predicate, List.of(), List.of(), false);
    }

    public UpdateJoinBatch(Ident table, Ident alias, Ident tableKey, Ident source, Ident sourceAlias,
                           Ident sourceKey, List<Ident> columns, String predicate, List<Ident> kept,
                           List<Ident> quietTriggers) {
        this(table, alias, tableKey, source, sourceAlias, sourceKey, columns, predicate, kept, quietTriggers, false);
    }

    /** The same batch with both rows of each key locked before the copy ({@link #lockRows}). */
    public UpdateJoinBatch lockingRows() {
        return new UpdateJoinBatch(table, alias, tableKey, source, sourceAlias, sourceKey, columns, predicate, kept,
                quietTriggers, true);
    }

    @Override
    public Ident rangeTable() {
        return source;
    }

    @Override
    public Ident keyColumn() {
        return sourceKey;
    }

    @Override
    public String kind() {
        return "update_join_batch";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.updateJoinBatch(this, parameters);
    }
}
