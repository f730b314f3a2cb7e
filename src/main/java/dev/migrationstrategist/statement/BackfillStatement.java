package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One statement of a backfill, as data: a batch over a key range, the query that finds a batch's upper key, the
 * query that finds the first key, the count of rows still to fix. The dialect renders it
 * ({@code Dialect.render(BackfillStatement, KeyParameters)}): with the named placeholders {@code :last_id},
 * {@code :next_id}, {@code :batch_size} for the reports and the plan file, with JDBC's {@code ?} for {@code apply},
 * which binds {@link #parameters()} in that order. A closed family apart from {@link Statement}: a schema step cannot
 * hold a batch, and a backfill holds nothing else.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CopyBatch.class, name = "copy_batch"),
        @JsonSubTypes.Type(value = InsertSelectBatch.class, name = "insert_select_batch"),
        @JsonSubTypes.Type(value = UpdateJoinBatch.class, name = "update_join_batch"),
        @JsonSubTypes.Type(value = NextKey.class, name = "next_key"),
        @JsonSubTypes.Type(value = MinKey.class, name = "min_key"),
        @JsonSubTypes.Type(value = CountRows.class, name = "count_rows")
})
public sealed interface BackfillStatement permits BatchStatement, NextKey, MinKey, CountRows {

    /** The JSON name of the kind: {@code copy_batch}, {@code next_key}, ... */
    String kind();

    /** The parameters the rendering holds, in the order they appear in its text. */
    List<KeyParameters.Param> parameters();

    /**
     * What each {@code ?} of its JDBC rendering binds, in order: a key parameter and, for a composite key, which of
     * its columns. A one-column key binds each of {@link #parameters()} once.
     */
    default List<KeyParameters.Slot> slots() {
        return parameters().stream().map(p -> new KeyParameters.Slot(p, 0)).toList();
    }

    <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters);
}
