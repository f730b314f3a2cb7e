package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE t DROP COLUMN a[, DROP COLUMN b]}: one atomic ALTER.
 */
public record DropColumns(Ident table, List<Ident> columns, OnlineDdl online) implements Statement {
    public DropColumns {
        columns = List.copyOf(columns);
    }

    @Override
    public List<DbObject> drops() {
        return columns.stream().<DbObject>map(c -> new DbObject.Column(table, c)).toList();
    }

    @Override
    public String kind() {
        return "drop_columns";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropColumns(this);
    }
}
