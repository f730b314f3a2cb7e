package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.schema.Schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State A read from a live database: the server's dialect and version, the schema from its catalog, row estimates
 * per table, and findings that only a live database can give (transactions open long enough to block a DDL now).
 */
public record LiveState(Dialect dialect, Schema schema, Map<String, Long> rows, List<Finding> findings,
                        LiveTarget target) {
    public LiveState(Dialect dialect, Schema schema, Map<String, Long> rows, List<Finding> findings) {
        this(dialect, schema, rows, findings, null);
    }

    /** A transaction open longer than this would hold a DDL (and everything queued behind it) right now. */
    static final int LONG_TRANSACTION_SECONDS = 60;

    public static LiveState read(Database database) {
        try (Connection c = database.connect()) {
            Dialect dialect = Database.dialectOf(c);
            boolean pg = dialect instanceof PostgresDialect;
            String scope = scalar(c, pg ? "SELECT current_schema()" : "SELECT DATABASE()");
            if (scope == null) {
                throw StrategistException.invalidSetting("db", " " + database.maskedUrl() + ": no schema/database selected"
                        + (pg ? " (set currentSchema=... in the URL)" : " (name the database in the URL)"));
            }
            dialect = dialect.inSchema(scope); // unqualified names are the current schema's
            Schema schema = CatalogReader.readWithOtherSchemas(c, scope);
            return new LiveState(dialect, schema, rows(c, pg), longTransactions(c, pg, LONG_TRANSACTION_SECONDS),
                    database.target(scope, pg ? 5432 : 3306));
        } catch (SQLException e) {
            throw StrategistException.ofSetting(ErrorCode.INVALID_INPUT, "db", database.scrub(" " + database.maskedUrl()
                    + ": cannot read the catalog: " + Database.firstLine(e.getMessage())), e);
        }
    }

    private static Map<String, Long> rows(Connection c, boolean pg) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        String sql = pg
                // a partitioned table holds its leaves' rows: its own reltuples is 0 before PostgreSQL 14 (and -1
                // until it is analyzed itself after), so a large partitioned table read as small; every user schema,
                // a table outside the current one named schema.table
                ? "WITH RECURSIVE tree(root, oid) AS (SELECT c.oid, c.oid FROM pg_class c WHERE c.relkind = 'p'"
                  + " UNION ALL SELECT t.root, i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid)"
                  + " SELECT CASE WHEN c.relnamespace = current_schema()::regnamespace THEN c.relname"
                  + " ELSE n.nspname || '.' || c.relname END, CASE WHEN c.relkind = 'r' THEN c.reltuples::bigint"
                  + " ELSE (SELECT CASE WHEN bool_and(l.reltuples < 0) THEN -1 ELSE sum(greatest(l.reltuples, 0))::bigint"
                  + " END FROM tree t JOIN pg_class l ON l.oid = t.oid WHERE t.root = c.oid AND l.relkind = 'r') END"
                  + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                  + " AND " + CatalogReader.USER_SCHEMAS.formatted("n.nspname")
                : "SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = DATABASE()"
                  + " AND table_type = 'BASE TABLE'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                long n = rs.getLong(2);
                if (!rs.wasNull() && n >= 0) { // PostgreSQL says -1 for a table never analyzed: unknown, so large
                    out.put(rs.getString(1), n);
                }
            }
        }
        return out;
    }

    static List<Finding> longTransactions(Connection c, boolean pg, int seconds) throws SQLException {
        String sql = pg
                ? "SELECT pid, extract(epoch FROM now() - xact_start)::bigint, coalesce(left(query, 80), '')"
                  + " FROM pg_stat_activity WHERE xact_start < now() - make_interval(secs => "
                  + seconds + ") AND pid <> pg_backend_pid() AND datname = current_database()"
                : "SELECT trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, trx_started, NOW()),"
                  + " coalesce(left(trx_query, 80), '') FROM information_schema.innodb_trx"
                  + " WHERE trx_started < NOW() - INTERVAL " + seconds + " SECOND";
        List<Finding> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Finding("long-running-transaction", Severity.WARNING, null,
                        "session " + rs.getString(1) + " has had a transaction open for " + rs.getLong(2)
                                + " s (" + rs.getString(3).replaceAll("\\s+", " ").trim() + "): any DDL of this plan"
                                + " would wait behind it, and every query on that table would queue behind the DDL.",
                        "Let it finish (or end it) before applying; apply's lock timeout and retries bound the"
                                + " wait, but the DDL cannot run until it ends.",
                        "live database"));
            }
        } catch (SQLException e) {
            // no privilege to see other sessions: say nothing rather than guess
        }
        return out;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
