package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * Renames an index: PostgreSQL {@code ALTER INDEX a RENAME TO b}, MySQL/MariaDB {@code ALTER TABLE t RENAME INDEX}.
 */
public record RenameIndex(Ident table, Ident from, Ident to, OnlineDdl online) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Index(table, to));
    }

    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.Index(table, from));
    }

    @Override
    public String kind() {
        return "rename_index";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameIndex(this);
    }
}
