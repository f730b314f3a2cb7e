package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE t ALTER COLUMN a SET DEFAULT x[, ALTER COLUMN b DROP DEFAULT]}. Harmless to repeat.
 */
public record ColumnDefaults(Ident table, List<DefaultChange> changes, OnlineDdl online) implements Statement {
    public ColumnDefaults {
        changes = List.copyOf(changes);
    }

    @Override
    public List<Fact> after() {
        return changes.stream().<Fact>map(c -> new Fact.Default(table, c.column(), c.expression())).toList();
    }

    @Override
    public String kind() {
        return "column_defaults";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.columnDefaults(this);
    }
}
