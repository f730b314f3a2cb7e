package dev.migrationstrategist.statement;

/** What kind of constraint a {@link DropConstraint} removes: MySQL/MariaDB spell each drop differently. */
public enum ConstraintKind {
    PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY
}
