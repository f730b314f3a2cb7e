package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code CREATE VIEW name AS SELECT cols FROM t}: a simple, updatable view that keeps an old table name working
 * (MySQL/MariaDB: {@code ALGORITHM=MERGE}).
 */
public record CreateView(Ident name, Ident table, List<Ident> columns) implements Statement {
    public CreateView {
        columns = List.copyOf(columns);
    }

    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.View(name));
    }

    @Override
    public String kind() {
        return "create_view";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createView(this);
    }
}
