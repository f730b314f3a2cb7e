package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Guarded;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.ResyncColumn;
import dev.migrationstrategist.statement.Statement;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How apply and rollback run one statement: guards first, a repair pass in the backfill's batches, anything else as it
 * renders.
 */
final class Execution {
    private Execution() {
    }

    /** False (with a log line) for a guarded statement whose facts do not hold now. */
    static boolean applies(CatalogProbe probe, Rendered s, String who, ApplyLog log) throws SQLException {
        if (!(s.statement() instanceof Guarded g)) {
            return true;
        }
        for (Fact f : g.when()) {
            if (!probe.holds(f)) {
                log.info("  " + who + ": `" + CatalogProbe.firstLine(s.sql()) + "` does not apply (not: "
                        + f.describe() + "); skipping");
                return false;
            }
        }
        return true;
    }

    /**
     * Runs one statement as it renders; a {@link ResyncColumn} runs as a keyset pass of {@code batches} (the
     * backfill's batch loop), inside the connection's open transaction when it has one.
     */
    static void execute(Connection connection, Dialect dialect, Rendered statement, ApplyLog log,
                        BackfillRunner batches) throws SQLException {
        if (unguarded(statement.statement()) instanceof ResyncColumn resync) {
            long changed = batches.resync(resync, !connection.getAutoCommit());
            if (resync.ownTransactions()) {
                log.info("  " + CatalogProbe.firstLine(statement.sql()) + ": " + changed + " row(s) converted");
                return;
            }
            log.info("  " + CatalogProbe.firstLine(statement.sql()) + ": " + changed + " row(s) re-synchronised"
                    + (changed > 0 ? " (written while an interrupted swap had left the columns without their sync"
                    + " trigger)" : ""));
            return;
        }
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(statement.sql());
        }
    }

    /** The statement inside its wrappers ({@link Guarded}, {@link NoLockWait}). */
    static Statement unguarded(Statement s) {
        Statement inner = s instanceof Guarded g ? g.statement() : s;
        return inner instanceof NoLockWait n ? n.statement() : inner;
    }
}
