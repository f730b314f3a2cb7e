package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE t ADD COLUMN <definition>[, ADD COLUMN ...]}: one ALTER.
 *
 * @param online the MySQL/MariaDB algorithm to pin (null on PostgreSQL)
 */
public record AddColumns(Ident table, List<Column> columns, OnlineDdl online) implements Statement {
    public AddColumns {
        columns = List.copyOf(columns);
    }

    /** One column. */
    public static AddColumns of(Ident table, Column column, OnlineDdl online) {
        return new AddColumns(table, List.of(column), online);
    }

    @Override
    public List<DbObject> creates() {
        return columns.stream().<DbObject>map(c -> new DbObject.Column(table, c.name())).toList();
    }

    @Override
    public String kind() {
        return "add_columns";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addColumns(this);
    }
}
