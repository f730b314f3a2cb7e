package dev.migrationstrategist.statement;


/**
 * Bounds how long the following statements of the session wait for a lock (PostgreSQL {@code lock_timeout},
 * MySQL/MariaDB {@code lock_wait_timeout}). Session state: it runs again on every resume.
 */
public record SetLockTimeout(long milliseconds) implements Statement {
    public SetLockTimeout {
        if (milliseconds <= 0) {
            throw new IllegalArgumentException("a lock timeout must be positive, got " + milliseconds + " ms");
        }
    }

    public SetLockTimeout(java.time.Duration timeout) {
        this(timeout.toMillis());
    }

    public java.time.Duration timeout() {
        return java.time.Duration.ofMillis(milliseconds);
    }

    @Override
    public String kind() {
        return "set_lock_timeout";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.setLockTimeout(this);
    }
}
