package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Operator;
import dev.migrationstrategist.api.StatusReport;
import dev.migrationstrategist.error.StrategistException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strategist status}: each known plan and step with its state and timings. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Show every plan applied to a database and where each step stands.",
        description = {"Reads the state tables (strategist_plans, strategist_steps) and writes nothing.",
                "Times are the database server's clock, ISO-8601 with their offset; a finished step shows how long",
                "it ran in milliseconds, a rolled-back step when it was rolled back.", ""},
        footer = {"", "Examples:",
                "  strategist status --db jdbc:postgresql://127.0.0.1:5432/app",
                "  strategist status --db jdbc:mariadb://127.0.0.1:3306/app --format json",
                "", "Exit codes: 0 ok (also when no plan has been applied), 1 the state tables cannot be read,",
                "  2 invalid input, 3 internal error."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = {"-f", "--format"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw StrategistException.invalid("--format " + format + ": expected text or json");
        }
        StatusReport report = new Operator(db.database()).status();
        PrintWriter out = spec.commandLine().getOut();
        out.print(f.equals("json") ? report.json() : Colors.status(report.text()));
        out.flush();
        return 0;
    }
}
