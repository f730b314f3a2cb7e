package dev.migrationstrategist.lint;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file to lint and what its name says about it: a Flyway versioned ({@code V1_2__add_email.sql}) or repeatable
 * ({@code R__views.sql}) migration, or a plain SQL file.
 *
 * @param name how findings name the file: relative to the working directory where possible, with '/'
 */
public record MigrationFile(Path path, String name, Kind kind, List<BigInteger> version) {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATABLE = Pattern.compile("R__.+\\.sql", Pattern.CASE_INSENSITIVE);

    public enum Kind { FLYWAY_VERSIONED, FLYWAY_REPEATABLE, PLAIN }

    public MigrationFile {
        version = List.copyOf(version);
    }

    public static MigrationFile of(Path path, String name) {
        String file = path.getFileName().toString();
        Matcher m = VERSIONED.matcher(file);
        if (m.matches()) {
            List<BigInteger> parts = new ArrayList<>();
            for (String p : m.group(1).split("[._]")) {
                parts.add(new BigInteger(p));
            }
            return new MigrationFile(path, name, Kind.FLYWAY_VERSIONED, parts);
        }
        if (REPEATABLE.matcher(file).matches()) {
            return new MigrationFile(path, name, Kind.FLYWAY_REPEATABLE, List.of());
        }
        return new MigrationFile(path, name, Kind.PLAIN, List.of());
    }

    public boolean isFlyway() {
        return kind != Kind.PLAIN;
    }

    /** Flyway's order: versions compared numerically part by part (1.9 before 1.10; 1 equals 1.0). */
    public static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        int n = Math.max(a.size(), b.size());
        for (int k = 0; k < n; k++) {
            BigInteger x = k < a.size() ? a.get(k) : BigInteger.ZERO;
            BigInteger y = k < b.size() ? b.get(k) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
