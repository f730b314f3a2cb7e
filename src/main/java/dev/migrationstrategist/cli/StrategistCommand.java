package dev.migrationstrategist.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: lists subcommands and prints help when run alone. */
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
                RollbackCommand.class, RehearseCommand.class},
        footer = {"",
                "Examples:",
                "  strategist plan --schema examples/rename-column/schema.sql examples/rename-column/change.sql",
                "  strategist plan --dialect mysql:8.0 --schema schema.sql \\",
                "      --sql \"ALTER TABLE users RENAME COLUMN name TO full_name\"",
                "  strategist plan --schema schema.sql \"rename column users.name to full_name\"",
                "  strategist lint db/migration",
                "  strategist apply --db jdbc:postgresql://127.0.0.1:5432/app --plan docs/database-report/migration-strategist-output.json",
                "  strategist plan --help",
                "",
                "Exit codes: 0 ok, 1 failed safely, 2 invalid input."})
public final class StrategistCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
