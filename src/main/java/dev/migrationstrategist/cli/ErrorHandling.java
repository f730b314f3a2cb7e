package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.ErrorCode;
import dev.migrationstrategist.api.StrategistException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place where failures become exit codes: a user error is one line on stderr and exit 2, with no
 * stack trace unless {@code --verbose} was given.
 */
final class ErrorHandling {
    private ErrorHandling() {
    }

    static void install(CommandLine cmd) {
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("strategist: " + ex.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ErrorCode.INVALID_INPUT.exitCode();
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            if (ex instanceof StrategistException se) {
                err.println("strategist: " + oneLine(se.getMessage()));
                if (verbose) {
                    se.printStackTrace(err);
                }
                err.flush();
                return se.code().exitCode();
            }
            err.println("strategist: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ErrorCode.INTERNAL.exitCode();
        });
    }

    static String oneLine(String message) {
        return message == null ? "error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
