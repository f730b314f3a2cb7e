package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Operator;
import dev.migrationstrategist.api.Progress;
import dev.migrationstrategist.api.RollbackOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code strategist rollback}: undo the applied steps of a plan, in reverse, where they have a rollback. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Undo the applied steps of a plan, newest first.",
        description = {"Undo the applied steps of a plan in reverse order, with each step's rollback statements.",
                "Only steps that took effect are undone, and only objects this plan created are dropped.",
                "Refuses (exit 1, nothing changed) when an applied step is irreversible, when another plan's",
                "objects are involved, or at a passed application release without --app-rolled-back.", ""},
        footer = {"", "Examples:",
                "  strategist rollback --db jdbc:postgresql://127.0.0.1:5432/app \\",
                "      --plan docs/database-report/migration-strategist-output.json",
                "  strategist rollback --db ... --plan ... --app-rolled-back    # the app already runs v1.0 again",
                "", "Exit codes: 0 ok (also when nothing needed undoing), 1 refused or failed safely,",
                "  2 invalid input, 3 internal error."})
public final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "The plan JSON written by 'plan'.")
    Path plan;

    @Option(names = "--app-rolled-back",
            description = "Confirm the application already runs the version from before this plan's releases.")
    boolean appRolledBack;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RollbackOutcome outcome = new Operator(db.database()).rollback(plan, appRolledBack, Progress.lines(line -> {
            out.println(line);
            out.flush();
        }));
        out.println(outcome.undone().isEmpty() ? "nothing rolled back" : "rolled back steps " + outcome.undone());
        out.flush();
        return 0;
    }
}
