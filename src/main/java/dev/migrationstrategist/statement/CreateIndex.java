package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Index;
import java.util.List;

/**
 * Builds an index: PostgreSQL {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}, MySQL/MariaDB {@code ALTER TABLE t ADD
 * [UNIQUE] INDEX} with its algorithm (or {@code CREATE INDEX} when {@code online} is null).
 * A concurrent build cannot run inside a transaction; one that failed leaves an INVALID index behind.
 */
public record CreateIndex(Index index, boolean concurrently, OnlineDdl online) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Index(index.table(), index.name()));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.Validated(new DbObject.Index(index.table(), index.name())));
    }

    @Override
    public boolean transactional() {
        return !concurrently;
    }

    @Override
    public String kind() {
        return "create_index";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createIndex(this);
    }
}
