package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT min(key) FROM t}: where the first batch starts; NULL for an empty table. Over a composite key the
 * key's columns of the first row in key order, no row for an empty table.
 */
public record MinKey(Ident table, Ident keyColumn,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> moreKeyColumns)
        implements BackfillStatement {
    public MinKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
        moreKeyColumns = moreKeyColumns == null ? List.of() : List.copyOf(moreKeyColumns);
    }

    public MinKey(Ident table, Ident keyColumn) {
        this(table, keyColumn, List.of());
    }

    /** Every column of the key, in order. */
    public List<Ident> keyColumns() {
        List<Ident> out = new ArrayList<>(List.of(keyColumn));
        out.addAll(moreKeyColumns);
        return out;
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
