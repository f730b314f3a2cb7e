package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Lint;
import dev.migrationstrategist.api.LintReport;
import dev.migrationstrategist.api.LiveDatabase;
import dev.migrationstrategist.error.StrategistException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code strategist lint}: parse flags, load the configuration, lint, print in the chosen format. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        headerHeading = "",
        header = "Check migration files for statements that lock, rewrite or break a live database.",
        description = {
                "Check migration files for statements that lock, rewrite or break a live database, and say what",
                "to write instead. Reads plain .sql files, Flyway V<version>__<name>.sql / R__<name>.sql migrations",
                "(in Flyway's order) and Liquibase formatted-SQL changesets; context carries across the files.",
                "",
                "Each file is judged as the next migration to run on a live database where the files before it ran",
                "long ago: a table created earlier in the same file is new and empty, a table an earlier file created",
                "is live and large (unless the configuration or --db gives its size). Tell the run which files are",
                "new (--new, --changed-since, or --db with a Flyway or Liquibase history) and only those are linted;",
                "the others are history: read in order to build State A, never reported, and tables that new files",
                "create are new for the new files after them.",
                ""},
        footer = {"",
                "Configuration: .strategist.yaml in the working directory (or --config FILE):",
                "  dialect: postgresql:15        large_table_rows: 1000000",
                "  tables: {settings: 40}        exclude: [\"db/legacy/**\"]",
                "  rules: {missing-lock-timeout: off, truncate-table: warning}",
                "Suppress one finding: a comment on the line before the statement:",
                "  -- strategist:ignore <rule-id> <reason>",
                "",
                "Order: Flyway versioned files by version (V1 < V1_1 < V2 < V10), then R__ repeatables by name,",
                "then other .sql files by name with numbers compared as numbers.",
                "",
                "Examples:",
                "  strategist lint db/migration",
                "  strategist lint --changed-since origin/main src/main/resources/db/migration",
                "  strategist lint --new db/migration/V42__orders_status.sql db/migration",
                "  strategist lint --db jdbc:postgresql://127.0.0.1:5432/app db/migration",
                "  strategist lint --dialect mysql:8.0 --format github migrations/",
                "",
                "SARIF rule pages (--docs-url default):",
                "  " + Lint.DEFAULT_DOCS_URL,
                "",
                "Exit codes: 0 clean (warnings allowed), 1 findings at error severity, 2 invalid input (also a PATH",
                "with no migration files in it). More in docs/lint.md."})
public final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Migration files or directories (searched for *.sql).")
    List<Path> paths;

    @Option(names = {"-d", "--dialect"}, paramLabel = "NAME[:VERSION]",
            description = "postgresql, mysql or mariadb, with an optional server version (postgresql:11, mysql:8.0)."
                    + " Default: the configuration's dialect, else postgresql (17).")
    String dialect;

    @Option(names = {"-f", "--format"}, paramLabel = "text|json|sarif|github", defaultValue = "text",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file. Default: " + Lint.CONFIG_FILE + " in the working directory, if any.")
    Path config;

    @Option(names = {"-s", "--schema"}, paramLabel = "FILE",
            description = "State A as DDL (pg_dump --schema-only / mysqldump --no-data): rules that need column types"
                    + " and constraints can then judge.")
    Path schema;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Read State A and table sizes from a live database: small tables are not flagged for"
                    + " rewrites and scans. Password from the URL or STRATEGIST_DB_PASSWORD.")
    String db;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user for --db.")
    String user;

    @Option(names = "--strict", description = "A statement no rule understands (an unrecognised-statement note) is an"
            + " error: the run fails instead of passing a statement nobody judged.")
    boolean strict;

    @Option(names = "--new", paramLabel = "FILE",
            description = "A file that is new (not applied anywhere yet; repeatable). Only new files are linted; the"
                    + " others are read as history.")
    List<Path> newFiles = new ArrayList<>();

    @Option(names = "--changed-since", paramLabel = "GIT_REF",
            description = "Lint only the files changed since this git revision (the files git diff names against GIT_REF,"
                    + " plus untracked files); the others are read as history. Needs git.")
    String changedSince;

    @Option(names = "--docs-url", paramLabel = "URL",
            description = "Where the rule pages live, for SARIF's helpUri (an absolute URL). Default: the"
                    + " project's docs/rules on GitHub (below).")
    String docsUrl;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (db != null && schema != null) {
            throw StrategistException.invalid("--db and --schema both give State A: use one of them");
        }
        Lint lint = Lint.configure().paths(paths).format(format).configFile(config).schemaFile(schema)
                .strict(strict).newFiles(newFiles).changedSince(changedSince).docsUrl(docsUrl);
        if (dialect != null) {
            lint.dialect(dialect);
        }
        if (db != null) {
            lint.liveDatabase(LiveDatabase.of(db.trim(), user, System.getenv("STRATEGIST_DB_PASSWORD")));
        }
        LintReport report = lint.run();
        PrintWriter out = this.spec.commandLine().getOut();
        out.print(report.text());
        out.flush();
        return report.exitCode();
    }
}
