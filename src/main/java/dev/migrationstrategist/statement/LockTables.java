package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * MySQL/MariaDB {@code LOCK TABLES t WRITE}: opens a window that runs, and is recorded, as one unit up to
 * {@link UnlockTables} (while the session holds table locks the server refuses to touch any other table).
 */
public record LockTables(List<Ident> tables) implements Statement {
    public LockTables {
        tables = List.copyOf(tables);
    }

    @Override
    public String kind() {
        return "lock_tables";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.lockTables(this);
    }
}
