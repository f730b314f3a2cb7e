package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/** {@code SELECT min(key) FROM t}: where the first batch starts; NULL for an empty table. */
public record MinKey(Ident table, Ident keyColumn) implements BackfillStatement {
    public MinKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
    }

    @Override
    public List<KeyParameters.Param> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "min_key";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.minKey(this, parameters);
    }
}
