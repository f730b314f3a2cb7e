package dev.migrationstrategist.error;

/** Why the tool stopped, and the exit code the CLI gives for it. */
public enum ErrorCode {
    /** The user's input is wrong: unparsable SQL, unknown table, bad option. Nothing was written. */
    INVALID_INPUT(2),
    /** The tool did what it could and stopped safely (a failed verification, a refused rollback). */
    FAILED_SAFELY(1),
    /** A bug or an unexpected environment failure. */
    INTERNAL(3);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
