package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AttachIndex;
import dev.migrationstrategist.statement.CreateIndex;
import dev.migrationstrategist.statement.CreateIndexOnParent;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The partitions of a partitioned table in State A, and the statements that build its index online the way
 * PostgreSQL allows: {@code CREATE INDEX ... ON ONLY parent} (INVALID), then for each partition
 * {@code CREATE INDEX CONCURRENTLY} (a sub-partitioned partition: {@code ON ONLY} again, recursively), then
 * {@code ALTER INDEX parent_index ATTACH PARTITION partition_index}; the parent index is valid once all are attached.
 */
final class PartitionTree {
    private static final int MAX_NAME = 63;

    private PartitionTree() {
    }

    /** The direct partitions of {@code table}, in State A order. */
    static List<Table> partitionsOf(Schema schema, Ident table) {
        return schema.tables().stream().filter(t -> t.partitioning().isPartition()
                && t.partitioning().parent().sameAs(table)).toList();
    }

    /** Every partition below {@code table} that holds rows (is not partitioned itself). */
    static List<Table> leaves(Schema schema, Ident table) {
        List<Table> out = new ArrayList<>();
        for (Table p : partitionsOf(schema, table)) {
            if (p.partitioning().partitioned()) {
                out.addAll(leaves(schema, p.name()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The statements that build {@code index} on partitioned table {@code index.table()}, in order. */
    static List<Statement> buildIndex(Schema schema, Index index) {
        List<Statement> out = new ArrayList<>();
        out.add(new CreateIndexOnParent(index));
        for (Table p : partitionsOf(schema, index.table())) {
            Index child = index.withTable(p.name()).withName(Ident.of(partitionIndexName(p.name(), index)));
            if (p.partitioning().partitioned()) {
                out.addAll(buildIndex(schema, child));
            } else {
                out.add(new CreateIndex(child, true, null));
            }
            out.add(new AttachIndex(index.table(), index.name(), p.name(), child.name()));
        }
        return out;
    }

    /**
     * The rollback: {@code DROP INDEX parent_index} (a partitioned index cannot be dropped concurrently; it takes the
     * attached partition indexes with it), then each partition's index concurrently where it is still there (built
     * but not attached when the step stopped).
     */
    static List<Statement> dropIndex(Schema schema, Index index) {
        List<Statement> out = new ArrayList<>();
        out.add(new DropIndex(index.table(), index.name(), false, true, null));
        for (Table p : partitionsOf(schema, index.table())) {
            Index child = index.withTable(p.name()).withName(Ident.of(partitionIndexName(p.name(), index)));
            if (p.partitioning().partitioned()) {
                out.addAll(dropIndex(schema, child));
            } else {
                out.add(new DropIndex(p.name(), child.name(), true, true, null));
            }
        }
        return out;
    }

    /** PostgreSQL's own name for a partition's copy of an index: partition, columns, {@code idx} (or {@code key}). */
    static String partitionIndexName(Ident partition, Index index) {
        String cols = index.columns().isEmpty() ? "expr"
                : index.columns().stream().map(Ident::name).collect(Collectors.joining("_"));
        String name = partition.name() + "_" + cols + "_" + (index.unique() ? "key" : "idx");
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
