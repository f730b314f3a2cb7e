package dev.migrationstrategist.statement;

import java.util.List;

/**
 * MySQL/MariaDB {@code RENAME TABLE a TO b[, c TO d]}: one atomic statement (views are renamed by it too), so two
 * objects can swap names with no moment where either name is missing. It takes no ALGORITHM or LOCK clause.
 */
public record RenameTables(List<TableRename> renames) implements Statement {
    public RenameTables {
        renames = List.copyOf(renames);
        if (renames.isEmpty()) {
            throw new IllegalArgumentException("a rename needs at least one table");
        }
    }

    /** The names it frees (a source that is no target) must be gone and the names it takes must exist. */
    @Override
    public List<DbObject> creates() {
        return renames.stream().filter(r -> renames.stream().noneMatch(o -> o.from().sameAs(r.to())))
                .<DbObject>map(r -> new DbObject.Table(r.to())).toList();
    }

    @Override
    public List<DbObject> drops() {
        return renames.stream().filter(r -> renames.stream().noneMatch(o -> o.to().sameAs(r.from())))
                .<DbObject>map(r -> new DbObject.Table(r.from())).toList();
    }

    @Override
    public String kind() {
        return "rename_tables";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameTables(this);
    }
}
