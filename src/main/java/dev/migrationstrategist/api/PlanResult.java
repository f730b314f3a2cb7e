package dev.migrationstrategist.api;

import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.report.JsonReport;
import dev.migrationstrategist.report.LiquibaseExport;
import dev.migrationstrategist.report.MarkdownReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A plan with its two renderings. {@link #write(Path)} writes both report files or neither, each readable by all
 * (mode 0644).
 */
public record PlanResult(Plan plan) {
    public static final String MARKDOWN_FILE = "migration-strategist-report.md";
    public static final String JSON_FILE = "migration-strategist-output.json";
    public static final Path DEFAULT_DIRECTORY = Path.of("docs", "database-report");

    public String markdown() {
        return new MarkdownReport().render(plan);
    }

    public String json() {
        return new JsonReport().render(plan);
    }

    /**
     * Writes the plan as Flyway versioned migrations into {@code directory}, numbered from {@code version} (null: one
     * past the highest version already there), with a README saying what to deploy at each release boundary.
     */
    public FlywayFolder writeFlyway(Path directory, Integer version) {
        return FlywayFolder.write(plan, directory, version);
    }

    /**
     * Writes the plan as a Liquibase changelog into {@code directory}: YAML and formatted SQL (the same changesets),
     * a master changelog when there is none, and a README naming the label to stop at before each release.
     *
     * @param author the changesets' author; null for {@value LiquibaseExport#DEFAULT_AUTHOR}
     */
    public LiquibaseFolder writeLiquibase(Path directory, String author) {
        return LiquibaseFolder.write(plan, directory, author);
    }

    /**
     * A temporary file is created owner-only (0600); a report is an ordinary file to share and commit (it holds no
     * password: every message is masked before it reaches a plan), so it gets 0644 as any file an editor writes.
     */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes the Markdown and JSON reports into {@code directory} (created if needed); returns their paths. */
    public List<Path> write(Path directory) {
        String md = markdown();
        String json = json();
        try {
            Files.createDirectories(directory);
            Path mdPath = directory.resolve(MARKDOWN_FILE);
            Path jsonPath = directory.resolve(JSON_FILE);
            Path mdTmp = Files.createTempFile(directory, ".report", ".tmp");
            Path jsonTmp = Files.createTempFile(directory, ".output", ".tmp");
            try {
                Files.writeString(mdTmp, md, StandardCharsets.UTF_8);
                Files.writeString(jsonTmp, json, StandardCharsets.UTF_8);
                readableByAll(mdTmp);
                readableByAll(jsonTmp);
                Files.move(mdTmp, mdPath, StandardCopyOption.REPLACE_EXISTING);
                Files.move(jsonTmp, jsonPath, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(mdTmp);
                Files.deleteIfExists(jsonTmp);
            }
            return List.of(mdPath, jsonPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + directory, e);
        }
    }
}
