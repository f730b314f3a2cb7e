package dev.migrationstrategist.testing;

import dev.migrationstrategist.embedded.ArtifactCache;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.embedded.EmbeddedServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Old servers for the version-specific tests: an embedded server of the exact version ({@code postgresql:10},
 * {@code mariadb:10.2}), started once per JVM through the same runtime as {@code rehearse --dialect} (binaries from
 * the local Maven repository or this tool's cache, else downloaded once) and stopped at exit.
 */
public final class OldServers {
    /** One at a time: the machine is shared, and a JVM's exit stopping several servers at once left data behind. */
    private static String runningSpec;
    private static EmbeddedServer running;

    private OldServers() {
    }

    /** The server {@code spec} names, started on first use; the one of another spec is stopped first. */
    public static synchronized EmbeddedServer get(String spec) {
        if (spec.equals(runningSpec)) {
            return running;
        }
        if (running != null) {
            running.close();
            running = null;
            runningSpec = null;
        }
        long start = System.nanoTime();
        running = EmbeddedServers.start(spec, ArtifactCache.standard(line ->
                System.err.println("[old servers] " + line)), line -> System.err.println("[old servers] " + line));
        runningSpec = spec;
        System.err.println("[old servers] " + running.description() + " up in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        return running;
    }

    /** A connection to {@code server}'s admin database. */
    public static Connection connect(EmbeddedServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
    }
}
