package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.EmbeddedDatabase;
import dev.migrationstrategist.api.LiveDatabase;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.RehearseOutcome;
import dev.migrationstrategist.api.RehearseSettings;
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
import java.util.concurrent.Callable;

/** {@code strategist rehearse}: plan, then run the plan and the naive SQL on scratch copies under simulated traffic. */
@Command(name = "rehearse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Run the plan on a scratch copy under simulated app traffic, beside the naive SQL.",
        description = {
                "Plans the change as 'plan' does, then on the --db server creates two scratch namespaces (PostgreSQL"
                        + " schemas / MySQL-MariaDB databases <--scratch-prefix><id>_plan and _naive), loads State A"
                        + " (--schema, or the --db database's own tables) with --rows synthetic rows per table, and"
                        + " starts --clients application clients"
                        + " (server-side prepared statements on every engine) that read, update and insert with the"
                        + " columns of the app version they run; an INSERT leaves the columns with a default out, a"
                        + " 1:1 table keyed by another (a profile) is read and upserted with its owner row, a composite"
                        + " primary key is used whole, a table without one gets inserts only.",
                "Plan side: the plan's steps run as 'apply' runs them; each app release is rolled out like a rolling"
                        + " deploy (half the clients, an overlap, the rest). Naive side: the naive SQL runs as given"
                        + " (for a phrase, a change file or --to: each change's own direct DDL), then every client"
                        + " switches to the final version at once.",
                "Reports per phase: operations, errors, latency p50/p99/max, lock waits; then the invariants of the"
                        + " plan side: zero client errors, reads return the last write, no lost or wrong write, longest"
                        + " wait <= lock timeout + 1 s, final catalog = State B. Writes migration-strategist-rehearsal.md"
                        + " and .json into --out. Both namespaces are dropped at the end unless --keep; nothing else"
                        + " on the server is written.",
                "Without --db: --dialect NAME:VERSION (postgresql:10 to :18, mariadb:10.2 or :10.11) starts a"
                        + " throwaway server of that exact version for the run and removes it afterwards (on failure"
                        + " and Ctrl-C too); --schema gives State A. Its jars are not bundled: taken from the local"
                        + " Maven repository or ~/.cache/migration-strategist, else downloaded there once.",
                "Covered: every change kind (columns, defaults, NOT NULL, types, constraints, indexes, tables,"
                        + " table renames and drops, split/merge/move, enum values, domain checks) and --to; State A"
                        + " from --schema or from the --db database itself. Refused with exit 2 and one line: a type"
                        + " change between kinds of values (text to integer), a step only an online schema-change"
                        + " tool runs (pt-online-schema-change / gh-ost), column types the data generator does not"
                        + " know when NOT NULL without a default.",
                ""},
        footer = {"", "Examples:",
                "  strategist rehearse --db jdbc:postgresql://127.0.0.1:5432/test \\",
                "      --schema examples/rename-column/schema.sql --rows 20000 examples/rename-column/change.sql",
                "  strategist rehearse --db jdbc:mariadb://127.0.0.1:3306/test --schema schema.sql \\",
                "      --sql \"ALTER TABLE orders MODIFY qty BIGINT NOT NULL\"",
                "  strategist rehearse --dialect postgresql:11 --schema schema.sql \\",
                "      --sql \"ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp()\"",
                "  strategist rehearse --db jdbc:postgresql://127.0.0.1:5432/test --schema a.sql \\",
                "      --to b.sql --rename users.name=full_name",
                "", "Exit codes: 0 every invariant of the plan side holds, 1 an invariant is broken,",
                "  2 invalid input (one line; the scratch namespaces are dropped), 3 internal error."})
public final class RehearseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The server to rehearse on, e.g. jdbc:postgresql://127.0.0.1:5432/app or"
                    + " jdbc:mariadb://127.0.0.1:3306/app. Without it, an embedded server of --dialect is started"
                    + " for the run and removed afterwards.")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user for --db (else the one in the URL).")
    String user;

    @Option(names = {"-p", "--password"}, interactive = true, arity = "0..1", paramLabel = "PASSWORD",
            description = "Prompt for the --db password. Else the URL's password or the STRATEGIST_DB_PASSWORD variable.")
    char[] password;

    @Option(names = {"-d", "--dialect"}, paramLabel = "NAME[:VERSION]",
            description = "Without --db: the embedded server to start, postgresql:10 to postgresql:18 or mariadb:10.2,"
                    + " mariadb:10.11 (no version: the newest). Its binaries come from the local Maven"
                    + " repository (~/.m2/repository) or ~/.cache/migration-strategist (STRATEGIST_CACHE), else are"
                    + " downloaded there from Maven Central (STRATEGIST_MAVEN_REPOSITORY) with progress shown;"
                    + " about 10 MB (PostgreSQL) to 60 MB (MariaDB) once, then a few seconds per start.")
    String dialect;

    @Option(names = "--scratch-prefix", paramLabel = "PREFIX", defaultValue = "strategist_rehearsal_",
            description = "The start of the two scratch namespaces' names (<PREFIX><id>_plan and _naive): lower-case"
                    + " letters, digits and _ (at most 40). Default: ${DEFAULT-VALUE}.")
    String scratchPrefix;

    /** Test hook: interferes with the scratch data before the checks (see {@link RehearseSettings.Hook}). */
    RehearseSettings.Hook hook = RehearseSettings.Hook.NONE;

    @Parameters(paramLabel = "CHANGE", arity = "0..*",
            description = "A file of naive SQL or a change phrase in quotes, as for 'plan'. Repeatable.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--sql", paramLabel = "SQL", description = "Naive SQL to rehearse (repeatable).")
    List<String> sql = new ArrayList<>();

    @Option(names = "--to", paramLabel = "FILE",
            description = "State B as DDL: rehearse the plan of the difference from State A instead of a CHANGE, as"
                    + " 'plan --to' plans it (the naive side runs each change's own DDL). Default: none.")
    Path to;

    @Mixin
    RenameHints hints = new RenameHints();

    @Option(names = {"-s", "--schema"}, paramLabel = "FILE",
            description = "State A as DDL: the tables created in the scratch namespaces. Without it, State A is"
                    + " read from the --db database itself (its tables only: the rows are synthetic, and nothing"
                    + " there is written).")
    Path schema;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
            description = "Synthetic rows per table of State A (1-100000000). Default: ${DEFAULT-VALUE}.")
    long rows;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "Concurrent application clients (1-64). Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--keep", description = "Keep the scratch namespaces (to look around); default: drop them.")
    boolean keep;

    @Option(names = "--sync", paramLabel = "trigger|app", defaultValue = "trigger",
            description = "As for 'plan'. Default: ${DEFAULT-VALUE}.")
    String sync;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "As for 'plan' (1ms to 10 min); also the bound of the longest client wait (+ 1 s)."
                    + " Default: ${DEFAULT-VALUE}.")
    String lockTimeout;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000",
            description = "Rows per backfill batch (1-1000000), as for 'plan'. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Directory for the two rehearsal reports. Default: docs/database-report.")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (to != null && (!changes.isEmpty() || !sql.isEmpty())) {
            throw StrategistException.invalid("--to rehearses the difference to State B: give no CHANGE or --sql with it");
        }
        hints.requireTo(to);
        if (to == null && changes.isEmpty() && sql.isEmpty()) {
            throw StrategistException.invalid("nothing to rehearse: give a change file, a phrase ("
                    + String.join(" | ", Strategist.phraseGrammar()) + ") or --sql");
        }
        // every option and the schema file are checked before anything connects to the server
        RehearseSettings settings = RehearseSettings.defaults().withRows(rows).withClients(clients).withKeep(keep)
                .withHook(hook).withScratchPrefix(scratchPrefix).check();
        if (url == null && dialect == null) {
            throw StrategistException.invalid("rehearse: give --db JDBC_URL (a server to rehearse on) or --dialect"
                    + " NAME:VERSION (an embedded server started for the run, e.g. --dialect postgresql:11)");
        }
        if (url != null && dialect != null) {
            throw StrategistException.invalidSetting("dialect", " " + dialect + ": rehearse runs on the --db server's"
                    + " own version; give --dialect only without --db (an embedded server)");
        }
        if (url == null && schema == null) {
            throw StrategistException.invalidSetting("schema", ": required without --db (State A, created in the"
                    + " embedded " + dialect + " server)");
        }
        Strategist.Builder builder = Strategist.configure()
                .batchSize(batchSize)
                .sync(sync)
                .lockTimeout(Durations.parse("--lock-timeout", lockTimeout));
        if (schema != null) {
            builder.schemaFile(schema);
        }
        PrintWriter err = spec.commandLine().getErr();
        java.util.function.Consumer<String> progress = line -> {
            err.println("rehearse: " + line);
            err.flush();
        };
        RehearseOutcome result;
        if (url != null) {
            result = rehearse(builder, LiveDatabase.of(url, user, passwordText()), settings, progress);
        } else {
            builder.dialect(dialect).load(); // State A is read before a server starts
            try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dialect, progress)) {
                progress.accept("on " + embedded.description() + " at " + embedded.database().maskedUrl());
                result = rehearse(builder, embedded.database(), settings, progress);
            }
        }
        result.write(out == null ? PlanResult.DEFAULT_DIRECTORY : out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(result.text());
        stdout.flush();
        return result.exitCode();
    }

    private RehearseOutcome rehearse(Strategist.Builder builder, LiveDatabase server, RehearseSettings settings,
                                     java.util.function.Consumer<String> progress) {
        Strategist strategist = (schema == null ? builder.liveDatabaseCurrentSchema(server)
                : builder.serverDialect(server)).load();
        return to != null
                ? strategist.rehearseDiff(to, hints.renames, hints.tableRenames, server, settings, progress)
                : strategist.rehearse(changes, sql, server, settings, progress);
    }

    private String passwordText() {
        return password != null ? new String(password) : System.getenv(ErrorHandling.PASSWORD_VARIABLE);
    }
}
