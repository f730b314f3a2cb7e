package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE a RENAME TO b}.
 */
public record RenameTable(Ident from, Ident to) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Table(to));
    }

    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Table(from));
    }

    @Override
    public String kind() {
        return "rename_table";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameTable(this);
    }
}
