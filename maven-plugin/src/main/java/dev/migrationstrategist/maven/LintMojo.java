package dev.migrationstrategist.maven;

import dev.migrationstrategist.api.Lint;
import dev.migrationstrategist.api.LintReport;
import dev.migrationstrategist.api.LiveDatabase;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.lint.LintFinding;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strategist:lint}: lints the project's migration files as {@code strategist lint} does, logs each finding,
 * writes the findings as SARIF (and as text), and fails the build when a finding has error severity.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class LintMojo extends AbstractMojo {
    /** Migration files or folders (default: Flyway's {@code src/main/resources/db/migration}). */
    @Parameter(property = "strategist.paths")
    private List<File> paths;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** {@code postgresql}, {@code mysql} or {@code mariadb} with an optional version ({@code postgresql:15}). */
    @Parameter(property = "strategist.dialect")
    private String dialect;

    /** The lint configuration ({@code .strategist.yaml} in the project folder is read when there is one). */
    @Parameter(property = "strategist.config")
    private File configFile;

    /** State A as DDL, for the rules that need column types and constraints. */
    @Parameter(property = "strategist.schema")
    private File schemaFile;

    /** State A, table sizes and the Flyway/Liquibase history from a live database (read only). */
    @Parameter(property = "strategist.db")
    private String db;

    @Parameter(property = "strategist.user")
    private String user;

    /** The password (prefer the environment variable {@code STRATEGIST_DB_PASSWORD}; never logged). */
    @Parameter(property = "strategist.password")
    private String password;

    /** A statement no rule understands is an error. */
    @Parameter(property = "strategist.strict", defaultValue = "false")
    private boolean strict;

    /** Judge only the files changed since this git revision (the others are history). */
    @Parameter(property = "strategist.changedSince")
    private String changedSince;

    /** Where the SARIF 2.1.0 findings go; empty: none written. */
    @Parameter(property = "strategist.sarifFile",
            defaultValue = "${project.build.directory}/migration-strategist/lint.sarif")
    private File sarifFile;

    /** Where the text findings go; empty: none written. */
    @Parameter(property = "strategist.textFile",
            defaultValue = "${project.build.directory}/migration-strategist/lint.txt")
    private File textFile;

    /** Fail the build when a finding has error severity. */
    @Parameter(property = "strategist.failOnError", defaultValue = "true")
    private boolean failOnError;

    @Parameter(property = "strategist.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("strategist lint: skipped");
            return;
        }
        List<Path> roots = new ArrayList<>();
        if (paths == null || paths.isEmpty()) {
            roots.add(basedir.toPath().resolve("src/main/resources/db/migration"));
        } else {
            paths.forEach(p -> roots.add(p.toPath()));
        }
        LintReport report;
        try {
            Lint lint = Lint.configure().workDir(basedir.toPath()).paths(roots).strict(strict).format("sarif");
            if (dialect != null && !dialect.isBlank()) {
                lint.dialect(dialect);
            }
            if (configFile != null) {
                lint.configFile(configFile.toPath());
            }
            if (schemaFile != null) {
                lint.schemaFile(schemaFile.toPath());
            }
            if (changedSince != null && !changedSince.isBlank()) {
                lint.changedSince(changedSince);
            }
            if (db != null && !db.isBlank()) {
                String pw = password != null ? password : System.getenv("STRATEGIST_DB_PASSWORD");
                lint.liveDatabase(LiveDatabase.of(db, user, pw));
            }
            report = lint.run();
        } catch (StrategistException e) {
            throw new MojoExecutionException("strategist lint: " + Messages.of(e));
        }
        write(sarifFile, report.render("sarif"));
        write(textFile, report.render("text"));
        for (LintFinding f : report.findings()) {
            String line = f.location() + ": " + f.severity().name().toLowerCase() + " [" + f.rule() + "] "
                    + f.message();
            if (f.severity() == Severity.ERROR) {
                getLog().error(line);
                getLog().error("  instead: " + f.safeAlternative());
            } else if (f.severity() == Severity.WARNING) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
        }
        getLog().info("strategist lint: " + report.files() + " files, " + report.statements() + " statements, "
                + report.findings().size() + " findings" + (sarifFile != null ? "; SARIF in " + sarifFile : ""));
        if (report.hasErrors() && failOnError) {
            long errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
            throw new MojoFailureException("strategist lint: " + errors + " finding" + (errors == 1 ? "" : "s")
                    + " at error severity (see above" + (textFile != null ? " or " + textFile : "") + ")");
        }
    }

    private static void write(File file, String text) throws MojoExecutionException {
        if (file == null || file.getPath().isEmpty()) {
            return;
        }
        try {
            Path p = file.toPath();
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("strategist lint: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
