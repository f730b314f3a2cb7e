package dev.migrationstrategist.api;

import dev.migrationstrategist.db.LiveState;
import dev.migrationstrategist.db.MigrationHistory;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.lint.LintConfig;
import dev.migrationstrategist.lint.LintConfigFile;
import dev.migrationstrategist.lint.LintFormat;
import dev.migrationstrategist.lint.GitChanges;
import dev.migrationstrategist.lint.LintResult;
import dev.migrationstrategist.lint.Linter;
import dev.migrationstrategist.lint.MigrationFile;
import dev.migrationstrategist.lint.MigrationFiles;
import dev.migrationstrategist.lint.RunScope;
import dev.migrationstrategist.lint.SarifFormat;
import dev.migrationstrategist.schema.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lints migration files: configure, then {@link #run()}. Reads plain {@code .sql} files, Flyway migrations and
 * Liquibase formatted-SQL changesets (directories are searched for {@code *.sql}).
 *
 * <pre>{@code
 * LintReport report = Lint.configure().dialect("postgresql:15").paths(List.of(Path.of("db/migration"))).run();
 * if (report.exitCode() != 0) { System.out.print(report.render("text")); }
 * }</pre>
 *
 * The configuration file ({@code .strategist.yaml} in the working directory unless {@link #configFile} names one)
 * gives the dialect, rule severities and excluded paths; an explicit {@link #dialect} wins over it.
 * <p>
 * Which files are judged: every file, each as the next migration after the ones before it (a table an earlier file
 * created is live), unless the run is told which files are new ({@link #newFiles}, {@link #changedSince}, or a
 * live database's Flyway / Liquibase history): then only those are judged and the others are read as history.
 */
public final class Lint {
    /** The configuration file looked for in the working directory. */
    public static final String CONFIG_FILE = LintConfig.FILE_NAME;
    /** Where SARIF's rule pages point unless {@link #docsUrl} says otherwise. */
    public static final String DEFAULT_DOCS_URL = SarifFormat.DEFAULT_DOCS_URL;

    private final List<Path> paths = new ArrayList<>();
    private String dialect;
    private String format = "text";
    private Path configFile;
    private Path schemaFile;
    private LiveDatabase live;
    private boolean strict;
    private final List<Path> newFiles = new ArrayList<>();
    private String changedSince;
    private String docsUrl;
    private Path workDir = Path.of("").toAbsolutePath();

    private Lint() {
    }

    public static Lint configure() {
        return new Lint();
    }

    /** Migration files or directories. */
    public Lint paths(List<Path> value) {
        paths.addAll(value);
        return this;
    }

    /** {@code postgresql}, {@code mysql} or {@code mariadb}, with an optional version. */
    public Lint dialect(String spec) {
        Dialects.parse(spec);
        this.dialect = spec;
        return this;
    }

    /** The format {@link LintReport#text()} renders: {@code text}, {@code json}, {@code sarif}, {@code github}. */
    public Lint format(String value) {
        LintFormat.parse(value);
        this.format = value;
        return this;
    }

    public Lint configFile(Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw StrategistException.invalidSetting("config", " " + file + ": no such file");
        }
        this.configFile = file;
        return this;
    }

    /** State A as DDL: rules that need column types and constraints can then judge. */
    public Lint schemaFile(Path file) {
        this.schemaFile = file;
        return this;
    }

    /** State A and table sizes from a live database (read only). */
    public Lint liveDatabase(LiveDatabase database) {
        this.live = database;
        return this;
    }

    /** A statement no rule understands is an error (the run fails) instead of a note. */
    public Lint strict(boolean value) {
        this.strict = value;
        return this;
    }

    /** Files that are new (not applied anywhere yet): only new files are judged; the others are history. */
    public Lint newFiles(List<Path> files) {
        newFiles.addAll(files);
        return this;
    }

    /** Judge only the files changed since this git revision (and untracked files); needs git. */
    public Lint changedSince(String gitRef) {
        this.changedSince = gitRef;
        return this;
    }

    /** Where the rule pages live, for SARIF's {@code helpUri} (an absolute URL). */
    public Lint docsUrl(String url) {
        this.docsUrl = url;
        return this;
    }

    /** Where the configuration file is looked for and relative paths are shown from. Default: the working directory. */
    public Lint workDir(Path dir) {
        this.workDir = Objects.requireNonNull(dir, "workDir").toAbsolutePath();
        return this;
    }

    /** Lints the files; refuses a missing path or file before it connects to a live database. */
    public LintReport run() {
        if (live != null && schemaFile != null) {
            throw StrategistException.invalid("db and schema both give State A: use one of them");
        }
        LintFormat renderer = LintFormat.parse(format, docsUrl == null ? SarifFormat.DEFAULT_DOCS_URL : docsUrl);
        LintConfig cfg = loadConfig();
        if (strict) {
            cfg = cfg.strict();
        }
        String spec = dialect != null ? dialect : cfg.dialect() != null ? cfg.dialect() : Dialects.DEFAULT;
        Dialect chosen = Dialects.parse(spec);
        Schema stateA = Schema.empty();
        // the --schema file is read on another core while the files are listed; its error, if any, is the one
        // reported, as when it was read first
        SchemaRead schemaRead = schemaFile == null ? null : SchemaRead.start(chosen, schemaFile);
        List<MigrationFile> files;
        try {
            // the files are found (and a missing path refused) before anything connects to the database
            files = MigrationFiles.collect(paths, cfg.exclude(), workDir);
        } catch (RuntimeException e) {
            if (schemaRead != null) {
                schemaRead.join();
            }
            throw e;
        }
        if (schemaRead != null) {
            dev.migrationstrategist.input.SchemaReader reader = schemaRead.join();
            stateA = schemaRead.schema();
            chosen = reader.currentSchema(); // a dump of one schema: its names are the unqualified ones
        }
        Set<Path> told = new HashSet<>(told(files));
        boolean isTold = !newFiles.isEmpty();
        if (changedSince != null) {
            Path first = paths.get(0);
            Path dir = Files.isDirectory(first) ? first : first.toAbsolutePath().getParent();
            told.addAll(GitChanges.since(changedSince, dir));
            isTold = true;
        }
        boolean historyInState = true;
        if (live != null) {
            LiveState state = LiveState.read(live.database());
            if (dialect == null && cfg.dialect() == null) {
                chosen = state.dialect();
            }
            stateA = state.schema();
            cfg = cfg.withLiveRows(state.rows());
            MigrationHistory history = MigrationHistory.read(live.database());
            if (history.found()) {
                told.addAll(history.notApplied(files));
                isTold = true;
            }
            historyInState = false; // the live schema already reflects the applied files
        }
        RunScope scope = isTold ? RunScope.newOnly(told, historyInState) : RunScope.everyFile();
        LintResult result = new Linter(chosen, cfg, stateA).lint(files, scope);
        return new LintReport(result, renderer);
    }

    /** The {@link #newFiles}, each one of the files found under the paths. */
    private Set<Path> told(List<MigrationFile> files) {
        if (newFiles.isEmpty()) {
            return Set.of(); // no real path of every file to look up
        }
        Set<Path> found = new HashSet<>();
        for (MigrationFile f : files) {
            found.add(RunScope.of(f.path()));
        }
        Set<Path> out = new HashSet<>();
        for (Path p : newFiles) {
            Path n = RunScope.of(p);
            if (!found.contains(n)) {
                throw StrategistException.invalidSetting("new", " " + p + ": not one of the migration files under "
                        + String.join(", ", paths.stream().map(Path::toString).toList()));
            }
            out.add(n);
        }
        return out;
    }

    private LintConfig loadConfig() {
        Path file = configFile;
        if (file == null) {
            Path found = workDir.resolve(LintConfig.FILE_NAME);
            file = Files.isRegularFile(found) ? found : null;
        }
        return file == null ? LintConfig.defaults() : LintConfigFile.read(file, Linter.knownRuleIds());
    }
}
