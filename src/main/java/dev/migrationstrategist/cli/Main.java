package dev.migrationstrategist.cli;

import picocli.CommandLine;

/** Entry point: {@code strategist <command> [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line in-process and returns its exit code (used by tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new StrategistCommand());
        ErrorHandling.install(cmd);
        return cmd;
    }
}
