package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Ident;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A scratch namespace of the rehearsal on the server: a PostgreSQL schema or a MySQL/MariaDB database named
 * {@code <prefix><id>_<side>} (prefix {@value RehearsalOptions#DEFAULT_PREFIX} unless given), created empty and dropped on {@link #close()} unless kept. Everything the
 * rehearsal writes goes through {@link #database()} or {@link #clients()}, which are bound to it.
 */
final class ScratchDatabase implements AutoCloseable {
    private final Database server;
    private final Dialect dialect;
    private final Ident name;
    private final boolean keep;
    private boolean dropped;
    private Thread onExit;

    private ScratchDatabase(Database server, Dialect dialect, Ident name, boolean keep) {
        this.server = server;
        this.dialect = dialect;
        this.name = name;
        this.keep = keep;
    }

    /**
     * Creates the namespace {@code <prefix><id>_<side>}; {@code prefix} is checked by {@link RehearsalOptions},
     * {@code id} and {@code side} are [a-z0-9].
     */
    static ScratchDatabase create(Database server, Dialect dialect, String prefix, String id, String side,
                                  boolean keep) {
        if (!prefix.matches("[a-z][a-z0-9_]*") || !id.matches("[a-z0-9]+") || !side.matches("[a-z]+")) {
            throw new IllegalArgumentException("scratch names are [a-z0-9_]: " + prefix + ", " + id + ", " + side);
        }
        Ident name = Ident.of(prefix + id + "_" + side);
        ScratchDatabase s = new ScratchDatabase(server, dialect, name, keep);
        String create = (s.postgres() ? "CREATE SCHEMA " : "CREATE DATABASE ") + dialect.quote(name);
        try {
            s.execute(create);
        } catch (StrategistException e) {
            throw new StrategistException(ErrorCode.INVALID_INPUT, server.scrub(e.getMessage()) + " (the --db user needs the right"
                    + " to create " + (s.postgres() ? "schemas" : "databases") + ")", e);
        }
        if (!keep) {
            // an interrupted run (Ctrl-C) still drops what it created
            s.onExit = new Thread(s::dropQuietly, "rehearsal-drop-" + name.name());
            Runtime.getRuntime().addShutdownHook(s.onExit);
        }
        return s;
    }

    private boolean postgres() {
        return dialect instanceof PostgresDialect;
    }

    String name() {
        return name.name();
    }

    /** The scratch namespace with the server's credentials (PostgreSQL: search_path set to it). */
    Database database() {
        return server.withUrl(url -> scopedUrl(url, postgres(), name.name(), ""));
    }

    /**
     * The connection the simulated clients use: every statement is a server-side prepared statement from its first
     * run, as a long-running JDBC application's are (PostgreSQL {@code prepareThreshold=1}; MySQL/MariaDB
     * {@code useServerPrepStmts=true}, counted by the server's {@code Com_stmt_prepare}).
     */
    Database clients() {
        return server.withUrl(url -> scopedUrl(url, postgres(), name.name(), postgres() ? "prepareThreshold=1"
                : "useServerPrepStmts=true"));
    }

    /** {@code url} bound to the namespace {@code name}: PostgreSQL's currentSchema, MySQL/MariaDB's database path. */
    static String scopedUrl(String url, boolean postgres, String name, String extra) {
        String base = url;
        String query = "";
        int q = url.indexOf('?');
        if (q >= 0) {
            base = url.substring(0, q);
            query = url.substring(q + 1);
        }
        StringBuilder params = new StringBuilder();
        for (String p : query.split("&")) {
            String k = p.contains("=") ? p.substring(0, p.indexOf('=')).toLowerCase(java.util.Locale.ROOT) : p;
            if (p.isEmpty() || k.equals("currentschema") || k.equals("preparethreshold")
                    || k.equals("search_path") || k.equals("options")) {
                continue;
            }
            params.append(params.length() == 0 ? "" : "&").append(p);
        }
        if (postgres) {
            params.append(params.length() == 0 ? "" : "&").append("currentSchema=").append(name);
        } else {
            int slash = base.indexOf('/', base.indexOf("//") + 2);
            base = (slash < 0 ? base : base.substring(0, slash)) + "/" + name;
        }
        if (!extra.isEmpty()) {
            params.append(params.length() == 0 ? "" : "&").append(extra);
        }
        return params.length() == 0 ? base : base + "?" + params;
    }

    private void dropQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println(server.scrub("rehearse: could not drop " + name + ": " + e.getMessage()));
        }
    }

    private void execute(String sql) {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, server.scrub("rehearse: `" + sql + "` failed: "
                    + e.getMessage().lines().findFirst().orElse("")), e);
        }
    }

    /** Drops the namespace and everything in it (unless kept); safe to call twice. */
    @Override
    public synchronized void close() {
        if (keep || dropped) {
            return;
        }
        dropped = true;
        if (onExit != null && Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook drops it
            }
        }
        execute(postgres() ? "DROP SCHEMA IF EXISTS " + dialect.quote(name) + " CASCADE"
                : "DROP DATABASE IF EXISTS " + dialect.quote(name));
    }
}
