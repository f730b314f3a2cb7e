package dev.migrationstrategist.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch database for one test: its own PostgreSQL schema or MariaDB database, dropped on close.
 * Obtain one with {@link TestDatabases#postgres()} or {@link TestDatabases#mariadb()}.
 */
public final class TestDatabase implements AutoCloseable {
    private final String family;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String scope;
    private final Runnable cleanup;
    private final Connection connection;

    TestDatabase(String family, String jdbcUrl, String user, String password, String scope, Runnable cleanup)
            throws SQLException {
        this.family = family;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.scope = scope;
        this.cleanup = cleanup;
        this.connection = newConnection();
    }

    /** "postgresql" or "mariadb". */
    public String family() {
        return family;
    }

    /** The JDBC URL of this scratch schema/database (search_path or database set). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The schema (PostgreSQL) or database (MariaDB) name that holds this test's tables. */
    public String scope() {
        return scope;
    }

    /** A shared autocommit connection for the test. */
    public Connection connection() {
        return connection;
    }

    /** A fresh connection to the same scratch scope (for concurrent sessions). */
    public Connection newConnection() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        c.setAutoCommit(true);
        return c;
    }

    /** Runs statements in order on the shared connection. */
    public void execute(String... sql) {
        execute(List.of(sql));
    }

    public void execute(List<String> sql) {
        for (String s : sql) {
            try (Statement st = connection.createStatement()) {
                st.execute(s);
            } catch (SQLException e) {
                throw new IllegalStateException("failed: " + s + "\n" + e.getMessage(), e);
            }
        }
    }

    /** The first column of every row of a query, as strings (null stays null). */
    public List<String> column(String query) {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + query + "\n" + e.getMessage(), e);
        }
        return out;
    }

    public long count(String query) {
        return Long.parseLong(column(query).get(0));
    }

    /** Rows of a query as lists of strings. */
    public List<List<String>> rows(String query) {
        List<List<String>> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + query + "\n" + e.getMessage(), e);
        }
        return out;
    }

    /** Column names of a table in this scope, in ordinal order. */
    public List<String> columns(String table) {
        String q = family.equals("postgresql")
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = '" + scope
                  + "' AND table_name = '" + table + "' ORDER BY ordinal_position"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = '" + scope
                  + "' AND table_name = '" + table + "' ORDER BY ordinal_position";
        return column(q);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the scope is dropped below either way
        }
        cleanup.run();
    }
}
