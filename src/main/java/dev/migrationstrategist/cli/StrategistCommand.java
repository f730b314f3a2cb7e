package dev.migrationstrategist.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top command: lists subcommands; run alone it prints its usage on stderr and exits 2. */
@Command(name = "strategist",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Migration Strategist: zero-downtime schema changes for PostgreSQL, MySQL and MariaDB.",
                "",
                "Turns the change you want (naive SQL such as ALTER TABLE users RENAME COLUMN name TO full_name, or a"
                        + " phrase) into a numbered expand/contract timeline that interleaves database migrations with"
                        + " application releases, with exact SQL, a rollback for every step and guardrails.",
                ""},
        subcommands = {PlanCommand.class, LintCommand.class, ApplyCommand.class, StatusCommand.class,
                RollbackCommand.class, RehearseCommand.class, CompletionCommand.class},
        footer = {"",
                "Examples:",
                "  strategist plan --schema examples/rename-column/schema.sql examples/rename-column/change.sql",
                "  strategist plan --dialect mysql:8.0 --schema schema.sql \\",
                "      --sql \"ALTER TABLE users RENAME COLUMN name TO full_name\"",
                "  strategist plan --schema schema.sql \"rename column users.name to full_name\"",
                "  strategist lint db/migration",
                "  strategist apply --db jdbc:postgresql://127.0.0.1:5432/app \\",
                "      --plan docs/database-report/migration-strategist-output.json",
                "  strategist status --db jdbc:postgresql://127.0.0.1:5432/app",
                "  source <(strategist completion)         # tab completion in bash or zsh",
                "  strategist plan --help",
                "",
                "Exit codes: 0 ok, 1 failed safely (lint: error findings; rehearse: an invariant broken),",
                "  2 invalid input (also no command at all), 3 internal error."})
public final class StrategistCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No command given: the usage on stderr and exit 2, as for any other incomplete command line. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("strategist: no command given");
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
