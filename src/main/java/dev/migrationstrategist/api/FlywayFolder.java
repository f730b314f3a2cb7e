package dev.migrationstrategist.api;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.report.FlywayExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A plan written as Flyway migrations into a folder ({@link PlanResult#writeFlyway}): the files written, the versions
 * they got, and the release boundaries ({@code flyway -target} for each).
 *
 * @param firstVersion the version of the first migration written
 * @param files        the files written, in order (migrations, their {@code .conf} files, the README)
 * @param boundaries   before each application release: the last version to migrate to, the version to deploy
 */
public record FlywayFolder(Path directory, int firstVersion, List<Path> files, List<FlywayExport.Boundary> boundaries,
                           List<FlywayExport.Migration> migrations) {
    public static final String README = "README-strategist.md";
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)(?:[._]\\d+)*__.*\\.sql$");

    public FlywayFolder {
        files = List.copyOf(files);
        boundaries = List.copyOf(boundaries);
        migrations = List.copyOf(migrations);
    }

    /**
     * Writes {@code plan} into {@code directory} (created if needed), numbering from {@code version}, or when null
     * from one past the highest major version of the {@code V<n>__*.sql} files already there. Refuses (nothing
     * written) when a file it would write exists.
     */
    static FlywayFolder write(Plan plan, Path directory, Integer version) {
        try {
            Files.createDirectories(directory);
            int first = version != null ? version : nextVersion(directory);
            if (first < 1) {
                throw StrategistException.invalidSetting("emit version", " " + first + ": must be at least 1");
            }
            FlywayExport export = new FlywayExport(plan);
            List<FlywayExport.Migration> migrations = export.migrations(first);
            List<Path> paths = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (FlywayExport.Migration m : migrations) {
                paths.add(directory.resolve(m.fileName()));
                texts.add(m.sql());
                if (m.confFileName() != null) {
                    paths.add(directory.resolve(m.confFileName()));
                    texts.add("executeInTransaction=false\n");
                }
            }
            paths.add(directory.resolve(README));
            texts.add(export.readme(first));
            for (Path p : paths) {
                if (Files.exists(p) && !p.getFileName().toString().equals(README)) {
                    throw StrategistException.invalidSetting("emit", " flyway " + directory + ": " + p.getFileName()
                            + " exists already; give another version or folder");
                }
            }
            for (int i = 0; i < paths.size(); i++) {
                Files.writeString(paths.get(i), texts.get(i), StandardCharsets.UTF_8);
                if (paths.get(i).getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(paths.get(i), PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            return new FlywayFolder(directory, first, paths, export.boundaries(first), migrations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flyway migrations to " + directory, e);
        }
    }

    private static int nextVersion(Path directory) throws IOException {
        int max = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Matcher m = VERSION.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }
}
