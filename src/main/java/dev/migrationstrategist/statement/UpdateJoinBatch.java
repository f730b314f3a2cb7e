package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * Copies {@code columns} from each row of {@code source} into the row of {@code table} with the same key, over key
 * ranges of the source: PostgreSQL {@code UPDATE t a SET c = s.c FROM source s WHERE a.key = s.key AND <range> AND
 * <predicate>}, MySQL {@code UPDATE t a JOIN source s ON a.key = s.key SET a.c = s.c WHERE <range> AND <predicate>}.
 *
 * @param predicate which joined rows still need it (any column differs), as the dialect writes it
 */
public record UpdateJoinBatch(Ident table, Ident alias, Ident tableKey, Ident source, Ident sourceAlias,
                              Ident sourceKey, List<Ident> columns, String predicate) implements BatchStatement {
    public UpdateJoinBatch {
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
