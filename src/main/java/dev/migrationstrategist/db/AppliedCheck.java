package dev.migrationstrategist.db;

import dev.migrationstrategist.api.ErrorCode;
import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MariaDbDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Ident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a MySQL/MariaDB DDL statement has already taken effect, read from information_schema just before it would
 * run. MySQL DDL is not transactional, so a statement can take effect and the run die before its progress is
 * recorded (or, inside a LOCK TABLES window, before the window ends): the rerun skips what the catalog shows as done
 * and runs the rest. A state that is neither "done" nor "not done" is {@link Kind#AMBIGUOUS}: the caller stops.
 * Works inside a LOCK TABLES window (information_schema needs no table lock).
 *
 * <p>Tested on MariaDB 10.11. MySQL 8 shows a string default unquoted in COLUMN_DEFAULT (MariaDB quotes it); that is
 * handled but not tested here.
 */
final class AppliedCheck {
    /** What the catalog says about one statement. */
    enum Kind { NOT_APPLIED, APPLIED, AMBIGUOUS, UNRECOGNISED }

    /** @param found what the catalog shows, for the log line or the error message */
    record Verdict(Kind kind, String found) {
        static final Verdict UNRECOGNISED = new Verdict(Kind.UNRECOGNISED, "");
    }

    private final Connection connection;
    private final Dialect dialect;

    AppliedCheck(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /**
     * True when the catalog shows the statement already took effect: it is to be skipped, and the log says so. A
     * state that is neither before nor after the statement stops the run with nothing of it executed.
     *
     * @param who   "step 7 (Contract)" or "rolling back step 7", for the log line and the error
     * @param again what the operator runs once the table is in either state ("apply", "rollback")
     */
    boolean skip(String who, String sql, ApplyLog log, String again) throws SQLException {
        Verdict v = check(sql);
        if (v.kind() == Kind.AMBIGUOUS) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, who + ": cannot tell whether `" + firstLine(sql)
                    + "` already took effect: " + v.found() + "; compare SHOW CREATE TABLE and SHOW TRIGGERS with the"
                    + " step's SQL, bring the table to the state before or after that statement, then run " + again
                    + " again (it was not run)");
        }
        if (v.kind() == Kind.APPLIED) {
            log.info("  " + who + ": `" + firstLine(sql) + "` already took effect (" + v.found() + "); skipping");
            return true;
        }
        return false;
    }

    /** The statement's first line, shortened for a log line. */
    static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    Verdict check(String sql) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            return Verdict.UNRECOGNISED; // PostgreSQL DDL runs in transactions (CONCURRENTLY has its own check)
        }
        Optional<DdlShape> shape = DdlShape.of(sql, dialect);
        if (shape.isEmpty()) {
            return Verdict.UNRECOGNISED;
        }
        DdlShape s = shape.get();
        if (s instanceof DdlShape.RenameColumns r) {
            return renames(r);
        }
        if (s instanceof DdlShape.ColumnDefaults d) {
            return defaults(d);
        }
        if (s instanceof DdlShape.CreateTrigger t) {
            return createTrigger(t);
        }
        Ident drop = ((DdlShape.DropTrigger) s).name();
        return trigger(drop).isEmpty() ? new Verdict(Kind.APPLIED, "trigger " + drop + " does not exist")
                : new Verdict(Kind.NOT_APPLIED, "trigger " + drop + " exists");
    }

    /**
     * One ALTER renames atomically, so the names it frees (sources that are no target) and the names it takes
     * (targets that are no source) are either all before or all after: anything else is ambiguous.
     */
    private Verdict renames(DdlShape.RenameColumns r) throws SQLException {
        Map<String, String> columns = columnDefaults(r.table());
        List<String> freed = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (DdlShape.Rename x : r.renames()) {
            if (r.renames().stream().noneMatch(y -> y.to().sameAs(x.from()))) {
                freed.add(x.from().name());
            }
            if (r.renames().stream().noneMatch(y -> y.from().sameAs(x.to()))) {
                taken.add(x.to().name());
            }
        }
        if (freed.isEmpty() || columns.isEmpty()) {
            return Verdict.UNRECOGNISED; // a pure permutation (or no such table): the names cannot tell
        }
        long freedThere = freed.stream().filter(c -> columns.containsKey(key(c))).count();
        long takenThere = taken.stream().filter(c -> columns.containsKey(key(c))).count();
        String found = r.table() + ": " + describe(freed, columns) + ", " + describe(taken, columns);
        if (freedThere == 0 && takenThere == taken.size()) {
            return new Verdict(Kind.APPLIED, found);
        }
        if (freedThere == freed.size() && takenThere == 0) {
            return new Verdict(Kind.NOT_APPLIED, found);
        }
        return new Verdict(Kind.AMBIGUOUS, found);
    }

    /** Setting a default is harmless to repeat: a mismatch (or a spelling the catalog shows differently) reruns it. */
    private Verdict defaults(DdlShape.ColumnDefaults d) throws SQLException {
        Map<String, String> columns = columnDefaults(d.table());
        List<String> found = new ArrayList<>();
        for (DdlShape.DefaultChange c : d.changes()) {
            String key = key(c.column().name());
            if (!columns.containsKey(key)) {
                return new Verdict(Kind.NOT_APPLIED, d.table() + " has no column " + c.column());
            }
            String current = columns.get(key);
            if (!sameDefault(current, c.expression())) {
                return new Verdict(Kind.NOT_APPLIED, c.column() + " has default " + current);
            }
            found.add(c.column() + " has " + (c.expression() == null ? "no default" : "default " + current));
        }
        return new Verdict(Kind.APPLIED, String.join(", ", found));
    }

    private Verdict createTrigger(DdlShape.CreateTrigger t) throws SQLException {
        Optional<List<String>> live = trigger(t.name());
        if (live.isEmpty()) {
            return new Verdict(Kind.NOT_APPLIED, "trigger " + t.name() + " does not exist");
        }
        List<String> l = live.get();
        boolean same = l.get(0).equalsIgnoreCase(t.table().name()) && l.get(1).equalsIgnoreCase(t.timing())
                && l.get(2).equalsIgnoreCase(t.event()) && squeeze(l.get(3)).equals(squeeze(t.body()));
        return same ? new Verdict(Kind.APPLIED, "trigger " + t.name() + " exists with the same definition")
                : new Verdict(Kind.AMBIGUOUS, "trigger " + t.name() + " exists (" + l.get(1) + " " + l.get(2) + " ON "
                + l.get(0) + ") but differs from the plan's");
    }

    /** The table's columns (lower-cased names) and their COLUMN_DEFAULT; empty when the table is missing. */
    private Map<String, String> columnDefaults(Ident table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, column_default"
                + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(key(rs.getString(1)), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Table, timing, event and body of the trigger of that name in the current database. */
    private Optional<List<String>> trigger(Ident name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT event_object_table, action_timing,"
                + " event_manipulation, action_statement FROM information_schema.triggers"
                + " WHERE trigger_schema = DATABASE() AND trigger_name = ?")) {
            ps.setString(1, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    /**
     * MariaDB shows a literal as written ({@code 0}, {@code 'x'}), no default as SQL NULL (NOT NULL column) or the
     * text NULL (nullable column); MySQL shows a string literal without its quotes and no default as SQL NULL.
     */
    private boolean sameDefault(String current, String expression) {
        if (expression == null) {
            return current == null || dialect instanceof MariaDbDialect && current.equalsIgnoreCase("NULL");
        }
        if (current == null) {
            return false;
        }
        if (dialect instanceof MariaDbDialect) {
            return current.equals(expression);
        }
        boolean quoted = expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'");
        return quoted ? current.equals(expression.substring(1, expression.length() - 1).replace("''", "'"))
                : current.equals(expression) && expression.matches("-?[0-9.]+");
    }

    private static String describe(List<String> names, Map<String, String> columns) {
        return String.join(", ", names.stream().map(c -> c + (columns.containsKey(key(c)) ? " exists" : " is gone"))
                .toList());
    }

    private static String key(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    private static String squeeze(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }
}
