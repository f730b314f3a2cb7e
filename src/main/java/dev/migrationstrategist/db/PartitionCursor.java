package dev.migrationstrategist.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.schema.Ident;

import java.util.Objects;

/**
 * Where a per-partition backfill stands, as the state table's checkpoint holds it: the leaf partition being walked and
 * the last key done in it ({@link KeyCursor}'s text), or no key when the walk of that partition has not started
 * ({@code {"partition":"orders_2024_02"}} is written when the partition before it is finished). Partitions before it,
 * in the walk's order, are finished. Written only by steps whose plan walks partitions, so the text never has to be
 * told apart from a plain key.
 */
record PartitionCursor(Ident partition, String key) {
    private static final ObjectMapper JSON = new ObjectMapper();

    PartitionCursor {
        Objects.requireNonNull(partition, "partition");
    }

    String text() {
        ObjectNode node = JSON.createObjectNode().put("partition", partition.name());
        if (key != null) {
            node.put("key", key);
        }
        return node.toString();
    }

    /** The cursor a checkpoint holds; null for none (the walk starts at the first partition). */
    static PartitionCursor parse(String checkpoint) {
        if (checkpoint == null) {
            return null;
        }
        try {
            var node = JSON.readTree(checkpoint);
            if (node == null || !node.isObject() || !node.path("partition").isTextual()) {
                throw new IllegalStateException("checkpoint " + checkpoint + " is not a partition and key");
            }
            return new PartitionCursor(Ident.of(node.get("partition").asText()),
                    node.path("key").isTextual() ? node.get("key").asText() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint " + checkpoint + " is not a partition and key", e);
        }
    }
}
