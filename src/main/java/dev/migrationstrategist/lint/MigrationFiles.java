package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files to lint under the given paths, in the order a migration runner would apply them. Each path
 * argument keeps its place; inside a directory: Flyway versioned migrations in version order, then repeatable
 * ones by name, then other {@code .sql} files in natural order (numbers compared as numbers).
 */
public final class MigrationFiles {
    private MigrationFiles() {
    }

    public static List<MigrationFile> collect(List<Path> paths, List<String> excludes, Path workDir) {
        List<PathMatcher> matchers = excludes.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<MigrationFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw StrategistException.invalid(p + ": no such file or directory");
            }
            if (Files.isDirectory(p)) {
                List<MigrationFile> inDir = new ArrayList<>();
                Path wd = workDir.toAbsolutePath().normalize();
                // Files.find hands over the attributes the walk read: no second stat per file
                try (Stream<Path> walk = Files.find(p, Integer.MAX_VALUE, (f, attrs) -> attrs.isRegularFile()
                        && f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql"))) {
                    walk.filter(f -> !excluded(f, p, workDir, matchers))
                            .forEach(f -> inDir.add(MigrationFile.of(f, display(f, wd))));
                } catch (IOException e) {
                    throw StrategistException.invalid(p + ": cannot read the directory (" + e.getMessage() + ")");
                }
                if (inDir.isEmpty()) {
                    throw StrategistException.invalid(p + ": no migration files in it (no *.sql file"
                            + (matchers.isEmpty() ? "" : " that the configuration's exclude leaves") + ")");
                }
                inDir.sort(ORDER);
                out.addAll(inDir);
            } else if (!excluded(p, p.getParent() == null ? p : p.getParent(), workDir, matchers)) {
                out.add(MigrationFile.of(p, display(p, workDir)));
            }
        }
        if (out.isEmpty()) {
            throw StrategistException.invalid(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": no migration files to lint (the configuration's exclude leaves none)");
        }
        return out;
    }

    /** Versioned (by version), repeatable (by name), then plain files (natural order of their path). */
    public static final Comparator<MigrationFile> ORDER = (a, b) -> {
        int ka = a.kind().ordinal();
        int kb = b.kind().ordinal();
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        if (a.kind() == MigrationFile.Kind.FLYWAY_VERSIONED) {
            int c = MigrationFile.compareVersions(a.version(), b.version());
            if (c != 0) {
                return c;
            }
        }
        return natural(a.name(), b.name());
    };

    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean excluded(Path file, Path root, Path workDir, List<PathMatcher> matchers) {
        if (matchers.isEmpty()) {
            return false;
        }
        Path abs = file.toAbsolutePath().normalize();
        List<Path> candidates = new ArrayList<>();
        candidates.add(file.normalize());
        candidates.add(file.getFileName());
        Path wd = workDir.toAbsolutePath().normalize();
        if (abs.startsWith(wd)) {
            candidates.add(wd.relativize(abs));
        }
        Path r = root.toAbsolutePath().normalize();
        if (abs.startsWith(r)) {
            candidates.add(r.relativize(abs));
        }
        for (PathMatcher m : matchers) {
            for (Path c : candidates) {
                if (m.matches(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String display(Path file, Path workDir) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workDir.toAbsolutePath().normalize();
        Path shown = abs.startsWith(wd) ? wd.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
