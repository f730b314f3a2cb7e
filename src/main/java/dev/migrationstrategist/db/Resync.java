package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.ResyncColumn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a {@link ResyncColumn} in keyset batches of {@value #BATCH} keys over an integer key, each batch its own
 * short transaction, so a repair pass over a large table never holds row locks for long. A pass over a table in sync
 * writes nothing.
 */
final class Resync {
    static final int BATCH = 10_000;

    private Resync() {
    }

    /** The rows it changed. */
    static long run(Connection connection, Dialect dialect, Rendered rendered) throws SQLException {
        ResyncColumn r = (ResyncColumn) rendered.statement();
        long min;
        long max;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + dialect.quote(r.key()) + "), max("
                     + dialect.quote(r.key()) + ") FROM " + dialect.quote(r.table()))) {
            rs.next();
            min = rs.getLong(1);
            if (rs.wasNull()) {
                return 0; // an empty table
            }
            max = rs.getLong(2);
        }
        long changed = 0;
        try (PreparedStatement ps = connection.prepareStatement(rendered.sql())) {
            for (long lower = min - 1; lower < max; lower += BATCH) {
                ps.setLong(1, lower);
                ps.setLong(2, Math.min(max, lower + BATCH));
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }
}
