package dev.migrationstrategist.embedded;

/**
 * A database server started for one run from binaries resolved at run time, removed on {@link #close()} (and by a
 * shutdown hook on Ctrl-C): its data directory is deleted, its process stopped.
 */
public sealed interface EmbeddedServer extends AutoCloseable permits IsolatedServer {
    /** The JDBC URL of its admin database ({@code postgres} / {@code test}), without a password. */
    String jdbcUrl();

    String user();

    /** e.g. {@code PostgreSQL 11.22.1 (embedded)}. */
    String description();

    /** Stops the server and deletes its data; safe to call twice, never throws. */
    @Override
    void close();
}
