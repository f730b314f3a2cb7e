package dev.migrationstrategist.cli;

import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.db.Rollbacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strategist rollback}: undo the applied steps of a plan, in reverse, where they have a rollback. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Undo the applied steps of a plan in reverse order, with each step's rollback SQL.",
                "Refuses (exit 1, nothing changed) when an applied step is irreversible.", ""})
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
        List<Integer> undone = new Rollbacker(db.database(), ApplyOptions.defaults(), line -> {
            out.println(line);
            out.flush();
        }).rollback(PlanFile.read(plan), appRolledBack);
        out.println(undone.isEmpty() ? "nothing rolled back" : "rolled back steps " + undone);
        out.flush();
        return 0;
    }
}
