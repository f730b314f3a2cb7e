package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.FlywayFolder;
import dev.migrationstrategist.api.LiquibaseFolder;
import dev.migrationstrategist.api.LiveDatabase;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strategist plan}: parse flags, call the facade, print and write the reports. No business rules here. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        headerHeading = "",
        header = "Plan a zero-downtime migration; print it and write both reports.",
        description = {
                "Turns the change you want into a numbered expand/contract timeline with exact SQL, a rollback for"
                        + " every step and guardrail findings, and writes both reports into --out:",
                "  migration-strategist-report.md     human-readable",
                "  migration-strategist-output.json   machine-readable (JSON, format_version 1)",
                "On invalid input nothing is written and an existing report is left as it was.",
                ""})
public final class PlanCommand implements Callable<Integer> {
    /** The part of the footer after the phrase grammar (which {@link Main} fills in from the PhraseReader). */
    static final String[] FOOTER = {
            "",
            "Examples:",
            "  strategist plan --schema examples/rename-column/schema.sql examples/rename-column/change.sql",
            "  strategist plan --dialect mariadb:10.11 --schema schema.sql --rows users=50000000 \\",
            "      --sql \"ALTER TABLE users RENAME COLUMN name TO full_name\"",
            "  strategist plan --schema schema.sql --sync app \"rename column users.name to full_name\"",
            "  strategist plan --from a.sql --to b.sql --rename users.name=full_name",
            "  strategist plan --schema schema.sql --sql \"ALTER TABLE users RENAME COLUMN name TO full_name\" \\",
            "      --emit flyway src/main/resources/db/migration",
            "  strategist plan --schema schema.sql --sql \"ALTER TABLE users RENAME COLUMN name TO full_name\" \\",
            "      --emit liquibase src/main/resources/db/changelog",
            "",
            "Exit codes: 0 ok, 2 invalid input (one line on stderr; no report is written), 3 internal error."};

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHANGE", arity = "0..*",
            description = "A file of naive SQL (e.g. change.sql) or a change phrase in quotes (grammar below)."
                    + " Repeatable; at least one CHANGE or --sql is required.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--sql", paramLabel = "SQL",
            description = "Naive SQL to plan, e.g. \"ALTER TABLE users RENAME COLUMN name TO full_name\"."
                    + " Repeatable. Default: none.")
    List<String> sql = new ArrayList<>();

    @Option(names = {"-d", "--dialect"}, paramLabel = "NAME[:VERSION]",
            description = "postgresql, mysql or mariadb, with an optional server version (postgresql:15, mysql:8.0,"
                    + " mariadb:10.11). Default: postgresql (version 17; mysql means 8.4, mariadb 11.4), or the"
                    + " server's own with --db.")
    String dialect;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Read State A, the server version and table sizes from a live database instead of"
                    + " --schema (e.g. jdbc:postgresql://host:5432/app?currentSchema=public). Default: none.")
    String db;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Database user for --db (else the one in the URL). Default: none.")
    String user;

    @Option(names = {"-p", "--password"}, interactive = true, arity = "0..1", paramLabel = "PASSWORD",
            description = "Prompt for the --db password (else the URL's or STRATEGIST_DB_PASSWORD). Default: none.")
    char[] password;

    @Option(names = {"-s", "--schema", "--from"}, paramLabel = "FILE",
            description = "State A as DDL (CREATE TABLE ...; pg_dump --schema-only or mysqldump --no-data output"
                    + " works). Default: none; a change that needs a table's columns then stops with exit 2.")
    Path schema;

    @Option(names = "--to", paramLabel = "FILE",
            description = "State B as DDL: plan the difference from State A (--schema/--from or --db) instead of a"
                    + " CHANGE. Renames are not guessed: give them with --rename / --rename-table. Default: none.")
    Path to;

    @Mixin
    RenameHints hints = new RenameHints();

    @Option(names = "--rows", paramLabel = "TABLE=N",
            description = "Row count of a table, e.g. users=50000000. Repeatable. Default: none; a table with no"
                    + " count is treated as large.")
    List<String> rows = new ArrayList<>();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000",
            description = "Rows per backfill batch, 1 to 1000000. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--sync", paramLabel = "trigger|app", defaultValue = "trigger",
            description = "Who keeps old and new columns in sync until the contract: a database 'trigger', or the"
                    + " 'app' (then v1.2 must keep writing the old column). Default: ${DEFAULT-VALUE}.")
    String sync;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "Lock timeout set before every statement that waits for a blocking lock (e.g. 2s, 500ms;"
                    + " 1ms to 10 min). Default: ${DEFAULT-VALUE}.")
    String lockTimeout;

    @Option(names = "--large-table-rows", paramLabel = "N", defaultValue = "1000000",
            description = "Tables with fewer rows may take direct statements. Default: ${DEFAULT-VALUE}.")
    long largeTableRows;

    @Option(names = "--app-version", paramLabel = "VERSION", defaultValue = "1.0",
            description = "The application version running now; releases count up from it. Default: ${DEFAULT-VALUE}.")
    String appVersion;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Directory for the two reports, created if needed. Default: docs/database-report"
                    + " (relative to the working directory).")
    Path out;

    @Option(names = "--print", paramLabel = "md|json|none", defaultValue = "md",
            description = "What to print on stdout: the Markdown report, the JSON, or nothing."
                    + " Default: ${DEFAULT-VALUE}.")
    String print;

    @Option(names = "--emit", arity = "2", paramLabel = "flyway|liquibase DIR", hideParamSyntax = true,
            description = "Also write the plan as Flyway migrations into DIR: one per database step (one per"
                    + " statement, executeInTransaction=false, where a step cannot run in a transaction), the"
                    + " backfill as a procedure that commits per batch, gates that fail unless their check holds,"
                    + " and README-strategist.md with what to deploy before each 'flyway migrate -target'."
                    + " Or as a Liquibase changelog (YAML and formatted SQL, db.changelog-master.yaml when DIR has"
                    + " none): one changeset per step (runInTransaction: false where needed), rollbacks from the"
                    + " plan, sqlCheck preconditions (onFail: HALT) for the gates, labels before-<version> to stop"
                    + " at each release with Liquibase's label filter, and a README saying what to deploy"
                    + " before going past each. Default: none.")
    List<String> emit = new ArrayList<>();

    @Option(names = "--emit-version", paramLabel = "N",
            description = "With --emit flyway: the first migration's version. Default: one past the highest"
                    + " V<n>__ file in DIR.")
    Integer emitVersion;

    @Option(names = "--emit-author", paramLabel = "NAME",
            description = "With --emit liquibase: the changesets' author. Default: migration-strategist.")
    String emitAuthor;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors. Default: off.")
    boolean verbose;

    @Override
    public Integer call() {
        String printMode = print.toLowerCase(Locale.ROOT);
        if (!List.of("md", "markdown", "json", "none").contains(printMode)) {
            throw StrategistException.invalid("--print " + print + ": expected md, json or none");
        }
        if (to != null && (!changes.isEmpty() || !sql.isEmpty())) {
            throw StrategistException.invalid("--to plans the difference to State B: give no CHANGE or --sql with it");
        }
        hints.requireTo(to);
        if (to == null && changes.isEmpty() && sql.isEmpty()) {
            throw StrategistException.invalid("nothing to plan: give a change file, a phrase ("
                    + String.join(" | ", Strategist.phraseGrammar()) + ") or --sql");
        }
        String emitTool = emit.isEmpty() ? null : emit.get(0).toLowerCase(Locale.ROOT);
        if (emitTool != null && !emitTool.equals("flyway") && !emitTool.equals("liquibase")) {
            throw StrategistException.invalid("--emit " + emit.get(0)
                    + ": expected flyway or liquibase (--emit flyway DIR, --emit liquibase DIR)");
        }
        if (emitVersion != null && !"flyway".equals(emitTool)) {
            throw StrategistException.invalid("--emit-version is for --emit flyway: give --emit flyway DIR");
        }
        if (emitAuthor != null && !"liquibase".equals(emitTool)) {
            throw StrategistException.invalid("--emit-author is for --emit liquibase: give --emit liquibase DIR");
        }
        LiquibaseFolder.checkAuthor(emitAuthor);
        if (emitVersion != null && emitVersion < 1) {
            throw StrategistException.invalid("--emit-version " + emitVersion + ": must be at least 1");
        }
        if (db != null && schema != null) {
            throw StrategistException.invalid("--db and --schema both give State A: use one of them");
        }
        Strategist.Builder builder = Strategist.configure()
                .dialect(dialect == null ? Strategist.DEFAULT_DIALECT : dialect)
                .batchSize(batchSize)
                .sync(sync)
                .lockTimeout(Durations.parse("--lock-timeout", lockTimeout))
                .largeTableRows(largeTableRows)
                .appVersion(appVersion);
        for (String entry : rows) {
            RowCount count = RowCount.parse(entry);
            builder.rows(count.table(), count.rows());
        }
        if (schema != null) {
            builder.schemaFile(schema);
        }
        if (db != null) {
            String pw = password != null ? new String(password) : System.getenv(ErrorHandling.PASSWORD_VARIABLE);
            builder.liveDatabase(LiveDatabase.of(db, user, pw));
            if (dialect != null) {
                builder.dialect(dialect); // an explicit --dialect (e.g. a target version) wins over the server's
            }
        }
        Strategist strategist = builder.load();
        PlanResult result = to != null ? strategist.planDiff(to, hints.renames, hints.tableRenames) : strategist.plan(changes, sql);
        String md = result.markdown();
        String json = result.json();
        result.write(out == null ? PlanResult.DEFAULT_DIRECTORY : out);
        if ("liquibase".equals(emitTool)) {
            LiquibaseFolder folder = result.writeLiquibase(Path.of(emit.get(1)), emitAuthor);
            spec.commandLine().getErr().println("strategist: wrote " + folder.changesets().size()
                    + " Liquibase changesets (" + folder.yaml().getFileName() + ", " + folder.sql().getFileName()
                    + (folder.master() == null ? "" : ", " + LiquibaseFolder.MASTER) + ") and "
                    + folder.readme().getFileName() + " into " + folder.directory());
        } else if (emitTool != null) {
            FlywayFolder folder = result.writeFlyway(Path.of(emit.get(1)), emitVersion);
            spec.commandLine().getErr().println("strategist: wrote " + folder.migrations().size()
                    + " Flyway migrations (V" + folder.firstVersion() + " on) and " + FlywayFolder.README + " into "
                    + folder.directory());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        switch (printMode) {
            case "md", "markdown" -> stdout.print(md);
            case "json" -> stdout.print(json);
            default -> { }
        }
        stdout.flush();
        return 0;
    }
}
