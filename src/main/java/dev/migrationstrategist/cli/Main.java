package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Strategist;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point: {@code strategist <command> [options]}. */
public final class Main {
    /**
     * pgjdbc logs through java.util.logging, whose default handler prints to stderr, and some of its warnings quote
     * the URL with its password ("JDBC URL contains too many / characters: ..."): the CLI prints its own errors
     * (scrubbed) and none of the driver's. Held here: java.util.logging keeps only weak references to loggers.
     */
    private static Logger postgresDriverLog;

    /**
     * Turns the driver's log off, once. Not at class initialisation: java.util.logging's set-up (its configuration,
     * a service lookup through the JDK image) is a sixth of a one-file lint's start-up, and a lint connects to
     * nothing unless it is given {@code --db} (or an {@code @file} of arguments, which may hold it).
     */
    private static synchronized void silenceDriverLog() {
        if (postgresDriverLog == null) {
            postgresDriverLog = Logger.getLogger("org.postgresql");
            postgresDriverLog.setLevel(Level.OFF);
        }
    }

    /** True for {@code lint} without {@code --db} and without an {@code @file}: a run that opens no connection. */
    private static boolean connectsToNothing(String... args) {
        if (args.length == 0 || !args[0].equals("lint")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--db") || a.startsWith("--db=") || a.startsWith("@")) {
                return false;
            }
        }
        return true;
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line in-process on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        return run(new PrintWriter(System.out, true, cs), new PrintWriter(System.err, true, cs), args);
    }

    /** Runs the command line in-process, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (!connectsToNothing(args)) {
            silenceDriverLog();
        }
        CommandLine cmd = args.length > 0 && args[0].equals("lint") ? lintCommandLine() : commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new StrategistCommand());
        cmd.setUsageHelpWidth(100);
        cmd.getSubcommands().get("plan").getCommandSpec().usageMessage().footer(planFooter());
        ErrorHandling.install(cmd);
        return cmd;
    }

    /**
     * {@code strategist lint ...} only: the same lint command under a top command built without reflection, so a
     * lint run (often one file, in a pre-commit hook or CI step) does not pay for reading the annotations of every
     * other subcommand (about a third of its start-up).
     */
    static CommandLine lintCommandLine() {
        CommandLine cmd = new CommandLine(CommandSpec.create().name("strategist"));
        cmd.addSubcommand("lint", new LintCommand());
        cmd.setUsageHelpWidth(100);
        ErrorHandling.install(cmd);
        return cmd;
    }

    /** The plan footer, with the phrase grammar read from {@link Strategist#phraseGrammar()} so help cannot drift. */
    private static String[] planFooter() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Change phrases (names may be quoted with \"...\" or `...`):");
        Strategist.phraseGrammar().forEach(g -> lines.add("  " + g));
        lines.addAll(List.of(PlanCommand.FOOTER));
        return lines.toArray(String[]::new);
    }
}
