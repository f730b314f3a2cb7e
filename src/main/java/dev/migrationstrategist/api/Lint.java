package dev.migrationstrategist.api;

import dev.migrationstrategist.db.LiveState;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.input.Inputs;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.lint.LintConfig;
import dev.migrationstrategist.lint.LintConfigFile;
import dev.migrationstrategist.lint.LintFormat;
import dev.migrationstrategist.lint.Linter;
import dev.migrationstrategist.lint.MigrationFile;
import dev.migrationstrategist.lint.MigrationFiles;
import dev.migrationstrategist.schema.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 */
public final class Lint {
    private final List<Path> paths = new ArrayList<>();
    private String dialect;
    private String format = "text";
    private Path configFile;
    private Path schemaFile;
    private LiveDatabase live;
    private boolean strict;
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
        LintFormat renderer = LintFormat.parse(format);
        LintConfig cfg = loadConfig();
        if (strict) {
            cfg = cfg.strict();
        }
        String spec = dialect != null ? dialect : cfg.dialect() != null ? cfg.dialect() : Dialects.DEFAULT;
        Dialect chosen = Dialects.parse(spec);
        Schema stateA = Schema.empty();
        if (schemaFile != null) {
            stateA = new SchemaReader(chosen).read(Inputs.readSetting(schemaFile, "schema"), schemaFile.toString());
        }
        List<MigrationFile> files = MigrationFiles.collect(paths, cfg.exclude(), workDir);
        if (live != null) {
            LiveState state = LiveState.read(live.database());
            if (dialect == null && cfg.dialect() == null) {
                chosen = state.dialect();
            }
            stateA = state.schema();
            cfg = cfg.withLiveRows(state.rows());
        }
        return new LintReport(new Linter(chosen, cfg, stateA).lint(files), renderer);
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
