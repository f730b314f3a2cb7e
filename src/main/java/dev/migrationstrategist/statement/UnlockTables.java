package dev.migrationstrategist.statement;


/**
 * MySQL/MariaDB {@code UNLOCK TABLES}: closes a {@link LockTables} window.
 */
public record UnlockTables() implements Statement {
    @Override
    public String kind() {
        return "unlock_tables";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.unlockTables(this);
    }
}
