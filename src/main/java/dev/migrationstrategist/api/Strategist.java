package dev.migrationstrategist.api;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.LiveState;
import dev.migrationstrategist.db.Prechecks;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.input.ChangeRequest;
import dev.migrationstrategist.input.Inputs;
import dev.migrationstrategist.input.PhraseReader;
import dev.migrationstrategist.input.SchemaDiff;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.input.SqlChangeReader;
import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.rehearsal.NaiveSql;
import dev.migrationstrategist.rehearsal.Rehearsal;
import dev.migrationstrategist.rehearsal.RehearsalOptions;
import dev.migrationstrategist.rehearsal.RehearsalResult;
import dev.migrationstrategist.schema.Schema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's front door: configure once (immutable once loaded), then plan changes. The README shows this
 * example; {@code StrategistExampleTest} runs it verbatim and checks that both copies are the same.
 *
 * <pre>{@code
 * Strategist strategist = Strategist.configure()
 *         .dialect("postgresql:15")
 *         .schemaFile(Path.of("examples/rename-column/schema.sql"))
 *         .rows("users", 50_000_000)
 *         .load();
 * PlanResult result = strategist.plan("ALTER TABLE users RENAME COLUMN name TO full_name");
 * for (Step step : result.plan().steps()) {
 *     System.out.println(step.number() + ". " + step.phase().jsonName() + ": " + step.title());
 * }
 * result.write(Path.of("docs/database-report"));
 * }</pre>
 *
 * Invalid input (unparsable SQL, unknown table, bad setting) throws {@link StrategistException} with
 * {@link ErrorCode#INVALID_INPUT} and a one-line message naming what and where.
 */
public final class Strategist {
    /** The dialect used when none is given: PostgreSQL at its newest supported version. */
    public static final String DEFAULT_DIALECT = Dialects.DEFAULT;

    private final Dialect dialect;
    private final Schema schema;
    private final PlanOptions options;
    private final List<Finding> liveFindings;
    private final Database live;

    private Strategist(Dialect dialect, Schema schema, PlanOptions options, List<Finding> liveFindings,
                       Database live) {
        this.dialect = dialect;
        this.schema = schema;
        this.options = options;
        this.liveFindings = List.copyOf(liveFindings);
        this.live = live;
    }

    public static Builder configure() {
        return new Builder();
    }

    public Dialect dialect() {
        return dialect;
    }

    public Schema schema() {
        return schema;
    }

    public PlanOptions options() {
        return options;
    }

    /** Plans changes already read, in order, as one merged timeline. */
    public PlanResult plan(List<ChangeRequest> requests) {
        if (requests.isEmpty()) {
            throw StrategistException.invalid("nothing to plan: what was given changes nothing in State A (it"
                    + " restates what is there already, e.g. a column's own type)");
        }
        Plan plan;
        try {
            plan = new Planner().plan(
                    requests.stream().map(ChangeRequest::change).toList(),
                    requests.stream().map(ChangeRequest::origin).toList(),
                    new PlanContext(schema, dialect, options));
        } catch (StrategistException e) {
            throw inlineSql(e);
        }
        if (live == null) {
            return new PlanResult(plan);
        }
        List<Finding> found = new java.util.ArrayList<>(liveFindings);
        found.addAll(Prechecks.run(live, plan));
        return new PlanResult(found.isEmpty() ? plan : plan.withFindings(found));
    }

    /**
     * The planner names where a change was written ({@code change.sql:3:1: ...}); for SQL given inline that place
     * is the setting {@code sql} ({@code sql:1:1: ...}), typed as such so a front end can name it its own way.
     */
    private static StrategistException inlineSql(StrategistException e) {
        String prefix = Inputs.INLINE_SQL + ":";
        if (e.setting().isEmpty() && e.getMessage() != null && e.getMessage().startsWith(prefix)) {
            return StrategistException.ofSetting(e.code(), Inputs.INLINE_SQL,
                    e.getMessage().substring(Inputs.INLINE_SQL.length()), e.getCause());
        }
        return e;
    }

    /**
     * Plans one change given as naive SQL ({@code "ALTER TABLE users RENAME COLUMN name TO full_name"}, several
     * statements allowed) or as a phrase ({@code "rename column users.name to full_name"}).
     */
    public PlanResult plan(String change) {
        if (PhraseReader.looksLikePhrase(change)) {
            return plan(List.of(new PhraseReader(dialect).read(change)));
        }
        return planSql(change);
    }

    /** Plans the naive SQL statements in {@code sql}. */
    public PlanResult planSql(String sql) {
        return plan(Inputs.readSql(new SqlChangeReader(dialect, schema), sql));
    }

    /** Plans change arguments (phrases or SQL files) and {@code --sql} texts, in that order. */
    public PlanResult plan(List<String> arguments, List<String> sqlTexts) {
        return plan(Inputs.changes(arguments, sqlTexts, dialect, schema));
    }

    /**
     * Plans the difference between State A and {@code to} (State B), with rename hints: the changes come from
     * {@link SchemaDiff}, which refuses renames without a hint and differences no change kind expresses.
     */
    public PlanResult planDiff(Schema to, SchemaDiff.Hints hints) {
        List<ChangeRequest> requests = SchemaDiff.diff(schema, to, hints).stream()
                .map(c -> new ChangeRequest(c, "diff")).toList();
        if (requests.isEmpty()) {
            throw StrategistException.invalidSetting("to", ": State B equals State A; nothing to plan");
        }
        return plan(requests);
    }

    /** {@link #planDiff(Schema, SchemaDiff.Hints)} with State B read from a DDL file. */
    public PlanResult planDiff(Path toFile, SchemaDiff.Hints hints) {
        Schema to = new SchemaReader(dialect).read(Inputs.readSetting(toFile, "to"), toFile.toString());
        return planDiff(to, hints);
    }

    /**
     * The changes that take State A to {@code to} (State B), in an order where each holds after the earlier ones,
     * without planning them. Renames are never guessed: {@code renames} ({@code TABLE.OLD=NEW}) and
     * {@code tableRenames} ({@code OLD=NEW}) name them; a difference no change kind expresses is refused.
     */
    public List<ChangeRequest> diff(Path toFile, List<String> renames, List<String> tableRenames) {
        Schema to = new SchemaReader(dialect).read(Inputs.readSetting(toFile, "to"), toFile.toString());
        return SchemaDiff.diff(schema, to, SchemaDiff.Hints.parse(renames, tableRenames)).stream()
                .map(c -> new ChangeRequest(c, "diff")).toList();
    }

    /** {@link #planDiff(Path, SchemaDiff.Hints)} with the rename hints as text ({@code TABLE.OLD=NEW}, {@code OLD=NEW}). */
    public PlanResult planDiff(Path toFile, List<String> renames, List<String> tableRenames) {
        return planDiff(toFile, SchemaDiff.Hints.parse(renames, tableRenames));
    }

    /** The grammar of change phrases, one line per form (for help texts). */
    public static List<String> phraseGrammar() {
        return PhraseReader.GRAMMAR;
    }

    /**
     * Rehearses the plan of {@code arguments} and {@code sqlTexts} on scratch copies on {@code server}, as
     * {@link #rehearse(List, List, Database, RehearsalOptions, java.util.function.Consumer)} does. Configure this
     * instance with the server's dialect ({@link Builder#serverDialect}).
     */
    public RehearseOutcome rehearse(List<String> arguments, List<String> sqlTexts, LiveDatabase server,
                                    RehearseSettings settings, java.util.function.Consumer<String> progress) {
        RehearsalOptions options = settings.options(); // checked before anything is created on the server
        return new RehearseOutcome(rehearse(arguments, sqlTexts, server.database(), options, progress));
    }

    /**
     * Rehearses the plan of the difference to State B ({@code toFile}, as {@link #planDiff(Path, List, List)} plans
     * it) on scratch copies on {@code server}; the naive side runs each change's own direct DDL.
     */
    public RehearseOutcome rehearseDiff(Path toFile, List<String> renames, List<String> tableRenames,
                                        LiveDatabase server, RehearseSettings settings,
                                        java.util.function.Consumer<String> progress) {
        RehearsalOptions options = settings.options(); // checked before anything is created on the server
        return new RehearseOutcome(rehearseDiff(toFile, renames, tableRenames, server.database(), options, progress));
    }

    /** {@link #rehearseDiff(Path, List, List, LiveDatabase, RehearseSettings, java.util.function.Consumer)} on a {@link Database}. */
    public RehearsalResult rehearseDiff(Path toFile, List<String> renames, List<String> tableRenames, Database server,
                                        RehearsalOptions rehearsal, java.util.function.Consumer<String> progress) {
        PlanResult planned = planDiff(toFile, renames, tableRenames);
        return new Rehearsal(server, dialect, planned.plan(), NaiveSql.ofChanges(planned.plan(), dialect), rehearsal,
                progress).run();
    }

    /**
     * Rehearses the plan of {@code arguments} and {@code sqlTexts} (as {@link #plan(List, List)} reads them) on
     * scratch copies on {@code server}, under simulated traffic, beside the naive SQL. Configure this instance with
     * the server's dialect ({@link Rehearsal#serverDialect}). Unsupported input throws with
     * {@link ErrorCode#INVALID_INPUT} before anything is created on the server.
     */
    public RehearsalResult rehearse(List<String> arguments, List<String> sqlTexts, Database server,
                                    RehearsalOptions rehearsal, java.util.function.Consumer<String> progress) {
        PlanResult planned = plan(arguments, sqlTexts);
        NaiveSql naive = NaiveSql.fromInputs(arguments, sqlTexts, planned.plan(), dialect);
        return new Rehearsal(server, dialect, planned.plan(), naive, rehearsal, progress).run();
    }

    /** Immutable-once-loaded configuration; every setter validates its value. */
    public static final class Builder {
        private Dialect dialect = Dialects.parse(Dialects.DEFAULT);
        private String schemaText;
        private String schemaSource;
        private Schema schema;
        private int batchSize = PlanOptions.DEFAULT_BATCH_SIZE;
        private SyncMode sync = SyncMode.TRIGGER;
        private Duration lockTimeout = PlanOptions.DEFAULT_LOCK_TIMEOUT;
        private long largeTableRows = PlanOptions.DEFAULT_LARGE_TABLE_ROWS;
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private String appVersion = "1.0";
        private final List<Finding> liveFindings = new java.util.ArrayList<>();
        private Database live;
        private LiveTarget target;

        public Builder dialect(String spec) {
            this.dialect = Dialects.parse(spec);
            return this;
        }

        /** The dialect and version of a live server, read from it (nothing else is read). */
        public Builder serverDialect(LiveDatabase server) {
            this.dialect = Rehearsal.serverDialect(server.database());
            return this;
        }

        /** {@link #liveDatabase(Database)} for a {@link LiveDatabase}. */
        public Builder liveDatabase(LiveDatabase database) {
            return liveDatabase(database.database());
        }

        /** {@code trigger} (default) or {@code app}: who keeps old and new columns in sync until the contract. */
        public Builder sync(String value) {
            return sync(SyncMode.parse(value));
        }

        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /**
         * Reads State A from a live database: its dialect and version (unless {@link #dialect} is called after),
         * its catalog, row estimates (an explicit {@link #rows} wins) and live findings.
         */
        public Builder liveDatabase(Database database) {
            LiveState live = LiveState.read(database);
            this.live = database;
            this.dialect = live.dialect();
            this.schema = live.schema();
            live.rows().forEach(this.rows::putIfAbsent);
            this.liveFindings.addAll(live.findings());
            this.target = live.target();
            return this;
        }

        /**
         * {@link #liveDatabase} with State A cut to the tables of the current schema (the rehearsal builds its scratch
         * tables from State A in its own schema: a table of another schema must not be created where it lives).
         */
        public Builder liveDatabaseCurrentSchema(LiveDatabase database) {
            liveDatabase(database);
            this.schema = new Schema(schema.tables().stream().filter(t -> !t.name().qualified()).toList(),
                    schema.enums(), schema.domains(), schema.dependants());
            return this;
        }

        public Builder schemaFile(Path path) {
            this.schemaText = Inputs.readSetting(path, "schema");
            this.schemaSource = path.toString();
            return this;
        }

        public Builder schemaSql(String ddl) {
            this.schemaText = ddl;
            this.schemaSource = "schema";
            return this;
        }

        public Builder schema(Schema value) {
            this.schema = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = PlanOptions.checkBatchSize(value);
            return this;
        }

        public Builder sync(SyncMode value) {
            this.sync = value;
            return this;
        }

        public Builder lockTimeout(Duration value) {
            this.lockTimeout = PlanOptions.checkLockTimeout(value);
            return this;
        }

        public Builder largeTableRows(long value) {
            this.largeTableRows = PlanOptions.checkLargeTableRows(value);
            return this;
        }

        public Builder rows(String table, long count) {
            this.rows.put(table, PlanOptions.checkRows(table, count));
            return this;
        }

        public Builder appVersion(String value) {
            this.appVersion = PlanOptions.checkAppVersion(value);
            return this;
        }

        public Strategist load() {
            PlanOptions options = new PlanOptions(batchSize, sync, lockTimeout, largeTableRows, rows, appVersion,
                    target);
            Schema s = schema;
            Dialect d = dialect;
            if (s == null && schemaText != null) {
                SchemaReader reader = new SchemaReader(dialect);
                s = reader.read(schemaText, schemaSource);
                d = reader.currentSchema(); // a dump of one schema (pg_dump -n app): app is the current schema
            }
            return new Strategist(d, s == null ? Schema.empty() : s, options, liveFindings, live);
        }
    }
}
