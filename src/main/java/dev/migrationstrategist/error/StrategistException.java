package dev.migrationstrategist.error;

/**
 * The one exception type for "cannot continue". The CLI maps {@link ErrorCode} to an exit code in one place
 * and prints {@link #getMessage()} as a single line; no stack trace unless {@code --verbose}.
 */
public final class StrategistException extends RuntimeException {
    private final ErrorCode code;

    public StrategistException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StrategistException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static StrategistException invalid(String message) {
        return new StrategistException(ErrorCode.INVALID_INPUT, message);
    }
}
