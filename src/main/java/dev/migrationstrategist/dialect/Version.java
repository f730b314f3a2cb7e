package dev.migrationstrategist.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server version, compared numerically: {@code 15}, {@code 8.0.29}, {@code 10.11}. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?(?:\\.(\\d{1,4}))?");

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("a version cannot be negative");
        }
    }

    /** Parses {@code 15}, {@code 8.0}, {@code 8.0.29}; returns null when the text is not a version. */
    public static Version parseOrNull(String text) {
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new Version(Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** Reads the leading version out of a server banner such as {@code 10.11.19-MariaDB-0+deb12u1}. */
    public static Version fromBanner(String banner) {
        Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(banner);
        if (!m.find()) {
            throw new IllegalArgumentException("no version in '" + banner + "'");
        }
        return new Version(Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public static Version of(int major, int minor, int patch) {
        return new Version(major, minor, patch);
    }

    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new Version(major, minor, patch)) >= 0;
    }

    public boolean atLeast(int major, int minor) {
        return atLeast(major, minor, 0);
    }

    public boolean atLeast(int major) {
        return atLeast(major, 0, 0);
    }

    @Override
    public int compareTo(Version o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    /** The shortest text that says the version the user gave: {@code 15}, {@code 8.0}, {@code 8.0.29}. */
    @Override
    public String toString() {
        if (patch != 0) {
            return major + "." + minor + "." + patch;
        }
        return major + "." + minor;
    }
}
