package dev.migrationstrategist.error;

import java.util.Optional;

/**
 * The one exception type for "cannot continue". Its {@link ErrorCode} says why (the CLI maps it to an exit code in
 * one place). Its message is the library's own one line, with no command-line syntax in it: a wrong setting is named
 * as the library names it ({@code lock timeout 0ms: must be at least 1ms}, {@code sql:1:8: cannot parse SQL ...}),
 * and {@link #setting()} and {@link #detail()} give the two parts apart, so a front end can name the setting its
 * own way (the CLI prints {@code --lock-timeout 0ms: ...}).
 */
public final class StrategistException extends RuntimeException {
    private final ErrorCode code;
    private final String setting;

    public StrategistException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public StrategistException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    private StrategistException(ErrorCode code, String setting, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.setting = setting;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The setting or inline input the message is about, as the library names it in words ({@code lock timeout},
     * {@code batch size}, {@code sql}, {@code db}); empty when the message is not about one setting.
     */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }

    /** The message after the setting's name ({@code " 0ms: must be at least 1ms"}); the whole message without one. */
    public String detail() {
        String m = getMessage() == null ? "" : getMessage();
        return setting != null && m.startsWith(setting) ? m.substring(setting.length()) : m;
    }

    public static StrategistException invalid(String message) {
        return new StrategistException(ErrorCode.INVALID_INPUT, message);
    }

    /**
     * Invalid input about one setting: the message is {@code setting + detail}, e.g.
     * {@code invalidSetting("pause", " -1s: cannot be negative")}.
     */
    public static StrategistException invalidSetting(String setting, String detail) {
        return new StrategistException(ErrorCode.INVALID_INPUT, setting, setting + detail, null);
    }

    /** The same, with the error code and cause given (a failure reaching the {@code db} server, say). */
    public static StrategistException ofSetting(ErrorCode code, String setting, String detail, Throwable cause) {
        return new StrategistException(code, setting, setting + detail, cause);
    }
}
