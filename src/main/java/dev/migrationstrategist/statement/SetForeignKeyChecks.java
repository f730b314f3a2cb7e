package dev.migrationstrategist.statement;


/**
 * MySQL/MariaDB {@code SET SESSION foreign_key_checks}: with 0 an added foreign key is not checked against existing
 * rows (and the ALTER runs in place). Session state: it runs again on every resume.
 */
public record SetForeignKeyChecks(boolean enabled) implements Statement {
    @Override
    public String kind() {
        return "set_foreign_key_checks";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.setForeignKeyChecks(this);
    }
}
