package dev.migrationstrategist.lint;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which files of a lint run are new and which are history. By default ({@link #everyFile()}) every file is linted,
 * each as the next migration to run on a database where the files before it have long been applied: a table an
 * earlier file created is live and large. When the run is told which files are new ({@code --new},
 * {@code --changed-since}, or {@code --db} with a migration history), only those are linted, tables they create are
 * new and empty for the files after them, and the other files are history: read in order, never reported, their
 * tables live.
 *
 * @param newFiles       the new files (absolute, normalised paths); empty with {@code told} false
 * @param told           false: every file is linted and none is new
 * @param historyInState true when what history files create and change is added to State A (no --db: the files
 *                       are the only account of it); false when State A was read from the database they ran on
 */
public record RunScope(Set<Path> newFiles, boolean told, boolean historyInState) {
    public RunScope {
        Set<Path> normal = new HashSet<>();
        newFiles.forEach(p -> normal.add(normalise(p)));
        newFiles = Set.copyOf(normal);
    }

    public static RunScope everyFile() {
        return new RunScope(Set.of(), false, true);
    }

    public static RunScope newOnly(Set<Path> newFiles, boolean historyInState) {
        return new RunScope(newFiles, true, historyInState);
    }

    /** True when the file is linted (reported). */
    public boolean linted(MigrationFile file) {
        return !told || isNew(file);
    }

    /** True when the run was told the file is new: the tables it creates are new for the files after it. */
    public boolean isNew(MigrationFile file) {
        return told && newFiles.contains(normalise(file.path()));
    }

    /** The path as the scope compares paths (its real path where it exists). */
    public static Path of(Path p) {
        return normalise(p);
    }

    /** The file's real path where it exists (git names files by their real path), else absolute and normal. */
    static Path normalise(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (java.io.IOException e) {
            return abs;
        }
    }
}
