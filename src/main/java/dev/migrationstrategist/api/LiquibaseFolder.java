package dev.migrationstrategist.api;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.report.LiquibaseExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A plan written as a Liquibase changelog into a folder ({@link PlanResult#writeLiquibase}): the YAML changelog, the
 * same changesets as formatted SQL, a master changelog including the YAML one when the folder has none, and a README
 * naming the label to stop at before each application release.
 *
 * @param yaml       the YAML changelog
 * @param sql        the formatted SQL changelog (the same changesets)
 * @param master     {@value #MASTER}, written when the folder held no changelog (it includes {@code yaml}), else null
 * @param readme     the README
 * @param boundaries the application releases, each with the label of the changesets that run before it
 */
public record LiquibaseFolder(Path directory, Path yaml, Path sql, Path master, Path readme, List<Path> files,
                              List<LiquibaseExport.Boundary> boundaries, List<LiquibaseExport.Changeset> changesets) {
    public static final String MASTER = "db.changelog-master.yaml";

    public LiquibaseFolder {
        files = List.copyOf(files);
        boundaries = List.copyOf(boundaries);
        changesets = List.copyOf(changesets);
    }

    /**
     * Writes {@code plan} into {@code directory} (created if needed) as {@code strategist-<changes>.yaml} and
     * {@code .sql}, their README, and {@value #MASTER} when the folder holds no changelog yet. Refuses (nothing written) when one of the
     * changelogs or the README exists.
     */
    static LiquibaseFolder write(Plan plan, Path directory, String author) {
        checkAuthor(author);
        try {
            Files.createDirectories(directory);
            LiquibaseExport export = new LiquibaseExport(plan, author);
            String base = numbered(directory, baseName(plan));
            Path yaml = directory.resolve(base + ".yaml");
            Path sql = directory.resolve(base + ".sql");
            Path readme = directory.resolve("README-" + base + ".md");
            Path master = changelogsIn(directory) ? null : directory.resolve(MASTER);
            for (Path p : List.of(yaml, sql, readme)) {
                if (Files.exists(p)) {
                    throw StrategistException.invalidSetting("emit", " liquibase " + directory + ": "
                            + p.getFileName() + " exists already; give another folder or remove it");
                }
            }
            String logical = "strategist/" + base;
            List<Path> paths = new ArrayList<>(List.of(yaml, sql, readme));
            List<String> texts = new ArrayList<>(List.of(export.yaml(logical), export.formattedSql(logical),
                    export.readme(yaml.getFileName().toString(), sql.getFileName().toString(),
                            master == null ? null : MASTER)));
            if (master != null) {
                paths.add(master);
                texts.add("databaseChangeLog:\n  - include:\n      file: " + yaml.getFileName()
                        + "\n      relativeToChangelogFile: true\n");
            }
            for (int i = 0; i < paths.size(); i++) {
                Files.writeString(paths.get(i), texts.get(i), StandardCharsets.UTF_8);
                if (paths.get(i).getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(paths.get(i), PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            return new LiquibaseFolder(directory, yaml, sql, master, readme, paths, export.boundaries(),
                    export.changesets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Liquibase changelog to " + directory, e);
        }
    }

    /** Whether the folder holds changelogs already (then its master, here or above, is the team's to edit). */
    private static boolean changelogsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("(?i).+\\.(sql|ya?ml|xml|json)$"));
        }
    }

    /** Refuses (invalid input) an author Liquibase's changeset line cannot hold; null is the default author. */
    public static void checkAuthor(String author) {
        if (author != null && (author.isBlank() || !author.strip().equals(author)
                || !author.matches("[^:\"\\r\\n]+"))) {
            throw StrategistException.invalidSetting("emit author", " '" + author + "': give a name without ':', '\"',"
                    + " line breaks or surrounding spaces (it goes into every changeset's 'author:id')");
        }
    }

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)[-_].*\\.(?:sql|ya?ml|xml|json)$");

    /**
     * Where the folder's changelogs are numbered ({@code 082-rename-...sql}, as many teams do), the next number with
     * the same width before {@code base}; else {@code base}.
     */
    static String numbered(Path directory, String base) throws IOException {
        int max = -1;
        int width = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Matcher m = NUMBERED.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).length() <= 9) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                    width = Math.max(width, m.group(1).length());
                }
            }
        }
        return max < 0 ? base : String.format(Locale.ROOT, "%0" + width + "d-%s", max + 1, base);
    }

    /** {@code strategist-<kind>-<table>[-...]}: the changes the plan makes, so that two exports do not collide. */
    static String baseName(Plan plan) {
        StringBuilder name = new StringBuilder("strategist");
        plan.changes().forEach(c -> {
            Object table = c.fields().get("table");
            name.append('-').append(c.kind()).append(table == null ? "" : "-" + table);
        });
        String s = name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
        return s.length() <= 80 ? s : s.substring(0, 80).replaceAll("-+$", "");
    }
}
