package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code ALTER TABLE t RENAME COLUMN a TO b[, RENAME COLUMN c TO d]}: one atomic ALTER on MySQL/MariaDB;
 * PostgreSQL renders one rename per statement, so a plan for it holds one rename per record.
 */
public record RenameColumns(Ident table, List<ColumnRename> renames, OnlineDdl online) implements Statement {
    public RenameColumns {
        renames = List.copyOf(renames);
        if (renames.isEmpty()) {
            throw new IllegalArgumentException("a rename needs at least one column");
        }
    }

    /** The names it frees (a source that is no target) must be gone and the names it takes must exist. */
    @Override
    public List<DbObject> creates() {
        return renames.stream().filter(r -> renames.stream().noneMatch(o -> o.from().sameAs(r.to())))
                .<DbObject>map(r -> new DbObject.Column(table, r.to())).toList();
    }

    @Override
    public List<DbObject> drops() {
        return renames.stream().filter(r -> renames.stream().noneMatch(o -> o.to().sameAs(r.from())))
                .<DbObject>map(r -> new DbObject.Column(table, r.from())).toList();
    }

    @Override
    public String kind() {
        return "rename_columns";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameColumns(this);
    }
}
