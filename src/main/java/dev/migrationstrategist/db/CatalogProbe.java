package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.Statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the live catalog whether a statement already took effect, just before it would run: its {@link
 * Statement#after()} facts all hold → done (skipped, with a log line); its {@link Statement#before()} facts all hold →
 * not done (run); anything else → neither (the run stops, naming what it found, with nothing of it run). A statement
 * can take effect and the run die before its progress is recorded (a kill right after it committed, or while it waited
 * for a lock the server granted after the client was gone), and MySQL DDL is not transactional at all: this is how
 * every rerun gets through without hand edits. One subclass per engine family reads its catalog.
 */
abstract sealed class CatalogProbe permits PostgresProbe, MySqlProbe {
    /** What the catalog says about one statement. */
    enum State { DONE, NOT_DONE, NEITHER }

    /** @param found what the catalog shows, for the log line or the error message */
    record Verdict(State state, String found) {
    }

    final Connection connection;

    CatalogProbe(Connection connection) {
        this.connection = connection;
    }

    static CatalogProbe of(Connection connection, Dialect dialect) {
        return dialect instanceof PostgresDialect ? new PostgresProbe(connection)
                : new MySqlProbe(connection, (MySqlDialect) dialect);
    }

    /** How an operator compares the catalog with a step's SQL on this engine. */
    abstract String inspectAdvice();

    /** True when the fact holds in the current schema (database). */
    abstract boolean holds(Fact fact) throws SQLException;

    Verdict check(Rendered rendered) throws SQLException {
        Statement s = rendered.statement();
        List<Fact> after = s.after();
        List<Fact> afterFailing = failing(after);
        if (!after.isEmpty() && afterFailing.isEmpty()) {
            return confirmDone(rendered, new Verdict(State.DONE, describe(after)));
        }
        List<Fact> beforeFailing = failing(s.before());
        if (beforeFailing.isEmpty()) {
            return new Verdict(State.NOT_DONE, describe(s.before()));
        }
        List<String> found = new ArrayList<>();
        beforeFailing.forEach(f -> found.add("not: " + f.describe()));
        afterFailing.forEach(f -> found.add("not: " + f.describe()));
        return new Verdict(State.NEITHER, String.join("; ", found));
    }

    /** A last look at a statement whose facts say it is done (an engine may compare definitions). */
    Verdict confirmDone(Rendered rendered, Verdict done) throws SQLException {
        return done;
    }

    /**
     * True when the catalog shows the statement already took effect: it is to be skipped, and the log says so. A
     * state that is neither before nor after the statement stops the run with nothing of it executed.
     *
     * @param who   "step 7 (Contract)" or "rolling back step 7", for the log line and the error
     * @param again what the operator runs once the catalog is in either state ("apply", "rollback")
     */
    boolean skip(String who, Rendered rendered, ApplyLog log, String again) throws SQLException {
        Verdict v = check(rendered);
        if (v.state() == State.NEITHER) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, who + ": cannot tell whether `"
                    + firstLine(rendered.sql()) + "` already took effect (" + v.found() + "); "
                    + inspectAdvice() + ", bring the catalog to the state before or after that statement, then run "
                    + again
                    + " again (it was not run)");
        }
        if (v.state() == State.DONE) {
            log.info("  " + who + ": `" + firstLine(rendered.sql()) + "` already took effect ("
                    + v.found() + "); skipping");
            return true;
        }
        return false;
    }

    /** The statement's first line, shortened for a log line. */
    static String firstLine(String sql) {
        String line = Database.firstLine(sql);
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    private List<Fact> failing(List<Fact> facts) throws SQLException {
        List<Fact> out = new ArrayList<>();
        for (Fact f : facts) {
            if (!holds(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private static String describe(List<Fact> facts) {
        return facts.isEmpty() ? "nothing to check" : String.join(", ", facts.stream().map(Fact::describe).toList());
    }

    /** The first column of the first row, if there is a row. */
    final Optional<String> first(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String v = rs.getString(1);
                return Optional.of(v == null ? "\0null" : v);
            }
        }
    }

    /** A value read by {@link #first} that was SQL NULL. */
    static boolean isNull(String value) {
        return "\0null".equals(value);
    }
}
