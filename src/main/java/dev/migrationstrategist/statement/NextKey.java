package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT max(key) FROM (SELECT key FROM t WHERE key > :last_id ORDER BY key LIMIT :batch_size) AS batch}: a
 * batch's upper key, the {@code :batch_size}-th key after {@code :last_id}; NULL when no key is left.
 */
public record NextKey(Ident table, Ident keyColumn) implements BackfillStatement {
    public NextKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
    }

    @Override
    public List<KeyParameters.Param> parameters() {
        return List.of(KeyParameters.Param.LAST_ID, KeyParameters.Param.BATCH_SIZE);
    }

    @Override
    public String kind() {
        return "next_key";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.nextKey(this, parameters);
    }
}
