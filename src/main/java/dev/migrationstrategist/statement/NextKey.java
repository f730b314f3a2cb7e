package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT max(key) FROM (SELECT key FROM t WHERE key > :last_id ORDER BY key LIMIT :batch_size) AS batch}: a
 * batch's upper key, the {@code :batch_size}-th key after {@code :last_id}; NULL when no key is left. Over a
 * composite key it returns the key's columns of the last row of that batch, and no row when no key is left.
 */
public record NextKey(Ident table, Ident keyColumn,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> moreKeyColumns,
                      @JsonInclude(JsonInclude.Include.NON_NULL) KeyComparison keyComparison)
        implements BackfillStatement {
    public NextKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
        moreKeyColumns = moreKeyColumns == null ? List.of() : List.copyOf(moreKeyColumns);
        keyComparison = KeyParameters.checkComparison(moreKeyColumns, keyComparison);
    }

    public NextKey(Ident table, Ident keyColumn) {
        this(table, keyColumn, List.of(), null);
    }

    /** Every column of the key, in order. */
    public List<Ident> keyColumns() {
        List<Ident> out = new ArrayList<>(List.of(keyColumn));
        out.addAll(moreKeyColumns);
        return out;
    }

    @Override
    public List<KeyParameters.Param> parameters() {
        return List.of(KeyParameters.Param.LAST_ID, KeyParameters.Param.BATCH_SIZE);
    }

    @Override
    public List<KeyParameters.Slot> slots() {
        List<KeyParameters.Slot> out = new ArrayList<>(KeyParameters.lowerBoundSlots(keyColumns().size(),
                keyComparison));
        out.add(new KeyParameters.Slot(KeyParameters.Param.BATCH_SIZE, 0));
        return out;
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
