package dev.migrationstrategist.embedded;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the embedded servers share: a server object of a library loaded in its own class loader, driven by
 * reflection, stopped once (on {@link #close()}, or by a shutdown hook on Ctrl-C), then its class loader closed and
 * its temporary directory, if it has one, deleted.
 */
abstract sealed class IsolatedServer implements EmbeddedServer permits EmbeddedPostgres, EmbeddedMariaDb {
    private final URLClassLoader loader;
    private final Object server;
    private final String stopMethod;
    private final String url;
    private final String user;
    private final String product;
    private final String version;
    private final Path directory;
    private final Thread onExit;
    private boolean closed;

    /**
     * @param stopMethod the name of the server object's no-argument method that stops it
     * @param directory  a temporary directory deleted after the stop, or null
     */
    IsolatedServer(URLClassLoader loader, Object server, String stopMethod, String url, String user, String product,
                   String version, Path directory) {
        this.loader = loader;
        this.server = server;
        this.stopMethod = stopMethod;
        this.url = url;
        this.user = user;
        this.product = product;
        this.version = version;
        this.directory = directory;
        this.onExit = new Thread(this::stop, "embedded-" + product.toLowerCase(java.util.Locale.ROOT) + "-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String description() {
        return product + " " + version + " (embedded)";
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down: the hook stops it
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.getClass().getMethod(stopMethod).invoke(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("embedded " + product + ": could not stop cleanly: " + EmbeddedServers.cause(e));
        }
        if (directory != null) {
            deleteTree(directory);
        }
        try {
            loader.close();
        } catch (java.io.IOException ignored) {
            // nothing left to release
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
            // a leftover in the temporary directory
        }
    }
}
