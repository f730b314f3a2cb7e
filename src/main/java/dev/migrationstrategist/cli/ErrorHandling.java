package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.secrets.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * The one place where failures become exit codes: a user error is one line on stderr and exit 2, with no
 * stack trace unless {@code --verbose} was given. It is also the last resort against leaked passwords: whatever
 * it prints (a message, an internal error, a stack trace with its causes) is scrubbed of every password the
 * command line gave (in a {@code --db} or {@code --replica} URL, with {@code --password}, in
 * {@code STRATEGIST_DB_PASSWORD}) and masked by {@link Secrets#mask(String)}.
 */
final class ErrorHandling {
    static final String PASSWORD_VARIABLE = "STRATEGIST_DB_PASSWORD";

    private ErrorHandling() {
    }

    static void install(CommandLine cmd) {
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String line = ex.getMessage() == null ? "invalid arguments"
                    : ex.getMessage().lines().findFirst().orElse("invalid arguments");
            err.println(secretsOf(List.of(args), null).scrub("strategist: " + line
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
            err.flush();
            return ErrorCode.INVALID_INPUT.exitCode();
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Secrets secrets = secretsOf(parseResult.originalArgs(), parseResult);
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            if (ex instanceof StrategistException se) {
                err.println(secrets.scrub("strategist: " + oneLine(message(se))));
                if (verbose) {
                    err.print(secrets.stackTrace(se));
                }
                err.flush();
                return se.code().exitCode();
            }
            err.println(secrets.scrub("strategist: internal error: " + oneLine(ex.toString())
                    + (verbose ? "" : " (run with --verbose for details)")));
            if (verbose) {
                err.print(secrets.stackTrace(ex));
            }
            err.flush();
            return ErrorCode.INTERNAL.exitCode();
        });
    }

    /**
     * The library's message with the setting it is about named as the option that gives it: the library says
     * {@code lock timeout 0ms: ...} or {@code sql:1:8: ...}, the CLI {@code --lock-timeout 0ms: ...} and
     * {@code --sql:1:8: ...}. Every setting the library names is the option of the same words.
     */
    static String message(StrategistException e) {
        return e.setting().map(s -> option(s) + e.detail()).orElse(e.getMessage());
    }

    /** The option for a setting the library names in words: {@code lock timeout} is {@code --lock-timeout}. */
    static String option(String setting) {
        return "--" + setting.trim().replace(' ', '-');
    }

    static String oneLine(String message) {
        return message == null ? "error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * Every password the command line carries: in its arguments (a URL's, {@code --password=X}, {@code -p X}), the
     * value typed at the {@code --password} prompt (from {@code parsed}, when there is one) and the environment.
     */
    static Secrets secretsOf(List<String> args, ParseResult parsed) {
        Secrets found = Secrets.of(System.getenv(PASSWORD_VARIABLE));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            found = found.and(Secrets.in(arg));
            boolean passwordOption = arg.equals("-p") || arg.equals("--password");
            if (passwordOption && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                found = found.and(Secrets.of(args.get(i + 1)));
            } else if (arg.startsWith("-p") && !arg.startsWith("--") && arg.length() > 2) {
                found = found.and(Secrets.of(arg.substring(2).replaceFirst("^=", "")));
            }
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : p.matchedOptions()) {
                if (option.longestName().equals("--password") && option.getValue() instanceof char[] typed) {
                    found = found.and(Secrets.of(new String(typed)));
                }
            }
        }
        return found;
    }
}
