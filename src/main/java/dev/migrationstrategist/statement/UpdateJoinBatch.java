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
 */
public record UpdateJoinBatch(Ident table, Ident alias, Ident tableKey, Ident source, Ident sourceAlias,
                              Ident sourceKey, List<Ident> columns, String predicate,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> kept,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> quietTriggers)
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
        this(table, alias, tableKey, source, sourceAlias, sourceKey, columns, predicate, List.of(), List.of());
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
