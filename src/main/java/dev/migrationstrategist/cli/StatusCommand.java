package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.StateStore;
import dev.migrationstrategist.db.StepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strategist status}: each known plan and step with its state and timings. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show every plan applied to this database and where each step stands.", ""})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        Database database = db.database();
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = database.connect()) {
            StateStore state = new StateStore(c, Database.dialectOf(c));
            List<List<String>> plans;
            try {
                plans = state.plans();
            } catch (SQLException noTables) {
                out.println("no plan has been applied to " + database.maskedUrl());
                out.flush();
                return 0;
            }
            if (plans.isEmpty()) {
                out.println("no plan has been applied to " + database.maskedUrl());
            }
            for (List<String> p : plans) {
                out.println("plan " + p.get(0) + " (" + p.get(2) + ", " + p.get(3) + " steps, first applied " + p.get(4)
                        + ", from " + p.get(1) + ")");
                for (StepState s : state.steps(p.get(0)).values()) {
                    String timing = s.startedAt() == null ? "" : s.finishedAt() == null ? "  started " + s.startedAt()
                            : "  " + (s.finishedAt().getTime() - s.startedAt().getTime()) + " ms";
                    out.printf("  %2d  %-14s %-12s %s%s%s%n", s.step(), s.phase(), s.status().dbName(), s.title(),
                            timing, s.rowsDone() > 0 ? "  rows " + s.rowsDone() + " (last key " + s.checkpoint() + ")"
                                    : "");
                    if (s.message() != null) {
                        out.println("      " + s.message());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, database.scrub("status: "
                    + e.getMessage()), e);
        }
        out.flush();
        return 0;
    }
}
