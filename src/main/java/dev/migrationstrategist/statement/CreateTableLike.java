package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * {@code CREATE TABLE t LIKE source} (MySQL/MariaDB; PostgreSQL {@code (LIKE source INCLUDING ALL)}): an empty table
 * with the source's columns, keys and indexes, and none of its foreign keys or triggers (measured on MariaDB 10.11).
 * The shadow table of a copy that rebuilds a table online.
 */
public record CreateTableLike(Ident table, Ident like) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Table(table));
    }

    @Override
    public String kind() {
        return "create_table_like";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createTableLike(this);
    }
}
