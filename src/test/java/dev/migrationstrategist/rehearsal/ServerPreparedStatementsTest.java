package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated clients' statements are prepared on the server, as a long-running JDBC app's are, on every engine:
 * the server's own counters of the client connection say so (the rehearsal's connection without the setting, for
 * contrast, prepares on the client on MariaDB).
 */
class ServerPreparedStatementsTest {
    @Test
    @Tag("mariadb")
    void mariadbClientsPrepareOnTheServerAsComStmtPrepareCounts() throws SQLException {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Database server = new Database(db.jdbcUrl(), db.user(), db.password());
            Dialect dialect = Rehearsal.serverDialect(server);
            try (ScratchDatabase scratch = ScratchDatabase.create(server, dialect, "prep_", id(), "prep", false)) {
                assertThat(prepares(scratch.clients())).as("client connection: Com_stmt_prepare").isEqualTo(3);
                assertThat(prepares(scratch.database())).as("without useServerPrepStmts").isZero();
            }
        }
    }

    @Test
    @Tag("postgres")
    void postgresClientsPrepareOnTheServerAsPgPreparedStatementsShows() throws SQLException {
        try (TestDatabase db = TestDatabases.postgres()) {
            Database server = new Database(db.jdbcUrl(), db.user(), db.password());
            Dialect dialect = Rehearsal.serverDialect(server);
            try (ScratchDatabase scratch = ScratchDatabase.create(server, dialect, "prep_", id(), "prep", false);
                 Connection c = scratch.clients().connect()) {
                run(c, "SELECT ? + 1");
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1 + 1'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("a named server-side statement from the first run").isEqualTo(1);
                }
            }
        }
    }

    /** A scratch id of its own: tests run concurrently on the same servers. */
    private static String id() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /** Prepares and runs three statements on a new connection; returns its session's Com_stmt_prepare. */
    private static long prepares(Database database) throws SQLException {
        try (Connection c = database.connect()) {
            for (String sql : new String[] {"SELECT ? + 1", "SELECT ? + 2", "SELECT ? + 3"}) {
                run(c, sql);
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
                rs.next();
                return rs.getLong(2);
            }
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 41);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }
}
