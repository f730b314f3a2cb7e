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

/**
 * A plan written as a Liquibase changelog into a folder ({@link PlanResult#writeLiquibase}): the YAML changelog, the
 * same changesets as formatted SQL, a master changelog including the YAML one when the folder has none, and a README
 * naming the label to stop at before each application release.
 *
 * @param yaml       the YAML changelog
 * @param sql        the formatted SQL changelog (the same changesets)
 * @param master     {@value #MASTER}, written when the folder had none (it includes {@code yaml}), else null
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
     * {@code .sql}, their README, and {@value #MASTER} when there is none. Refuses (nothing written) when one of the
     * changelogs or the README exists.
     */
    static LiquibaseFolder write(Plan plan, Path directory, String author) {
        try {
            Files.createDirectories(directory);
            LiquibaseExport export = new LiquibaseExport(plan, author);
            String base = baseName(plan);
            Path yaml = directory.resolve(base + ".yaml");
            Path sql = directory.resolve(base + ".sql");
            Path readme = directory.resolve("README-" + base + ".md");
            Path master = Files.exists(directory.resolve(MASTER)) ? null : directory.resolve(MASTER);
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
