package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * MySQL/MariaDB {@code ALTER TABLE t MODIFY <definition>[, MODIFY ...]}: each column to its full definition (type,
 * nullability, default) in one rebuild. Harmless to repeat, and it states no facts: nullability and default may
 * already hold while the type it changes does not, so a resume always runs it again.
 */
public record ModifyColumns(Ident table, List<Column> columns, OnlineDdl online) implements Statement {
    public ModifyColumns {
        columns = List.copyOf(columns);
    }

    @Override
    public String kind() {
        return "modify_columns";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.modifyColumns(this);
    }
}
