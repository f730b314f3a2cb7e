package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Index;

import java.util.List;

/**
 * PostgreSQL {@code CREATE [UNIQUE] INDEX name ON ONLY partitioned_table (...)}: the index of a partitioned table
 * alone, INVALID until an index of every partition is attached to it ({@link AttachIndex}). A partitioned table refuses
 * {@code CREATE INDEX CONCURRENTLY}; this is the first of the three statements that build its index online. Measured
 * on PostgreSQL 15: SHARE on the partitioned table for the catalog change only (it holds no rows to scan).
 */
public record CreateIndexOnParent(Index index) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Index(index.table(), index.name()));
    }

    @Override
    public String kind() {
        return "create_index_on_parent";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createIndexOnParent(this);
    }
}
