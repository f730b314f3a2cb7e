package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * Drops an index: PostgreSQL {@code DROP INDEX [CONCURRENTLY] [IF EXISTS]}, MySQL/MariaDB {@code ALTER TABLE t DROP
 * INDEX} with its algorithm.
 */
public record DropIndex(Ident table, Ident name, boolean concurrently, boolean ifExists, OnlineDdl online) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Index(table, name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public boolean transactional() {
        return !concurrently;
    }

    @Override
    public String kind() {
        return "drop_index";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropIndex(this);
    }
}
