package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Table;
import java.util.List;

/**
 * {@code CREATE TABLE} with the table's columns and constraints (MySQL/MariaDB: its indexes inline too).
 */
public record CreateTable(Table table) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Table(table.name()));
    }

    @Override
    public String kind() {
        return "create_table";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createTable(this);
    }
}
