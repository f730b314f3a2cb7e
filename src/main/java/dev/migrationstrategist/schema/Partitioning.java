package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;

/**
 * How a table takes part in declarative partitioning, as the catalog states it.
 *
 * @param strategy {@code RANGE}, {@code LIST} or {@code HASH} for a table partitioned by a key, else null
 * @param key      the key as the server prints it ({@code created_at}, {@code lower(region), id}; PostgreSQL
 *                 {@code pg_get_partkeydef} without the strategy; MySQL {@code partition_expression}), else null
 * @param parent   the partitioned table this table is a partition of (PostgreSQL), else null
 * @param bound    its bound as the server prints it ({@code FOR VALUES IN ('eu')}, {@code DEFAULT}), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Partitioning(String strategy, String key, Ident parent, String bound) {
    /** A table that is neither partitioned nor a partition. */
    public static final Partitioning NONE = new Partitioning(null, null, null, null);

    public Partitioning {
        strategy = strategy == null ? null : strategy.toUpperCase(Locale.ROOT);
    }

    /** The table is partitioned by a key: its rows live in its partitions. */
    @JsonIgnore
    public boolean partitioned() {
        return strategy != null;
    }

    /** The table is a partition of {@link #parent()}. */
    @JsonIgnore
    public boolean isPartition() {
        return parent != null;
    }

    @JsonIgnore
    public boolean isNone() {
        return strategy == null && parent == null;
    }

    /** For Jackson: a table that is not partitioned is written without the field. */
    public static final class NoneFilter {
        @Override
        public boolean equals(Object other) {
            return other == null || other instanceof Partitioning p && p.isNone();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public Partitioning by(String newStrategy, String newKey) {
        return new Partitioning(newStrategy, newKey, parent, bound);
    }

    public Partitioning of(Ident newParent, String newBound) {
        return new Partitioning(strategy, key, newParent, newBound);
    }
}
