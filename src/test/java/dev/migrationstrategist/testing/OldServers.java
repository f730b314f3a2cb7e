package dev.migrationstrategist.testing;

import dev.migrationstrategist.embedded.ArtifactCache;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.embedded.EmbeddedServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Old servers for the version-specific tests: an embedded server of the exact version ({@code postgresql:10},
 * {@code mariadb:10.2}), started once per JVM through the same runtime as {@code rehearse --dialect} (binaries from
 * the local Maven repository or this tool's cache, else downloaded once) and stopped at exit.
 */
public final class OldServers {
    private static final Map<String, EmbeddedServer> RUNNING = new HashMap<>();

    private OldServers() {
    }

    /** The server {@code spec} names, started on first use. */
    public static synchronized EmbeddedServer get(String spec) {
        return RUNNING.computeIfAbsent(spec, s -> {
            long start = System.nanoTime();
            EmbeddedServer server = EmbeddedServers.start(s, ArtifactCache.standard(line ->
                    System.err.println("[old servers] " + line)), line -> System.err.println("[old servers] " + line));
            System.err.println("[old servers] " + server.description() + " up in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            return server;
        });
    }

    /** A connection to {@code server}'s admin database. */
    public static Connection connect(EmbeddedServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
    }
}
