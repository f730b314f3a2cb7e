package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * PostgreSQL {@code ALTER INDEX parent_index ATTACH PARTITION partition_index}: makes a partition's index (built
 * concurrently on its own) part of the partitioned table's index; once every partition's is attached the parent index
 * is valid. Measured on PostgreSQL 15: SHARE UPDATE EXCLUSIVE on the parent index, ACCESS EXCLUSIVE on the
 * partition's index, ACCESS SHARE on both tables, for the catalog change only (writes to that partition wait that
 * long). Done once the catalog shows the attachment ({@link Fact.IndexAttached}).
 *
 * @param table          the partitioned table
 * @param index          its index, created {@code ON ONLY}
 * @param partition      the partition
 * @param partitionIndex the partition's index
 */
public record AttachIndex(Ident table, Ident index, Ident partition, Ident partitionIndex) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.Present(new DbObject.Index(table, index)),
                new Fact.Present(new DbObject.Index(partition, partitionIndex)),
                new Fact.IndexAttached(index, partitionIndex, false));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.IndexAttached(index, partitionIndex, true));
    }

    @Override
    public String kind() {
        return "attach_index";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.attachIndex(this);
    }
}
