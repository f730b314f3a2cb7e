package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;
import java.util.Locale;

/**
 * An {@code UPDATE} or {@code DELETE} over a whole existing table: no WHERE, or a WHERE that is no key range
 * ({@code status IS NULL}, {@code created_at < now() - ...}). One statement then holds row locks on every row it
 * touches until it commits (LOCKS.md, backfill: 11-28 s per million rows for one UPDATE against at most 0.3-1.0 s
 * per keyset batch) and writes one huge transaction to the WAL/binary log. A WHERE on a key ({@code id = 5},
 * {@code id BETWEEN 1 AND 10000}, {@code id IN (1, 2)}), a subquery or statement with LIMIT, is one bounded batch.
 * An equality on another column is a targeted fix that may still touch many rows: a warning.
 */
public final class WholeTableDml implements StatementRule {

    @Override
    public String summary() {
        return "UPDATE/DELETE over a whole existing table (no WHERE, or no key range) locks every row it touches in one"
                + " long transaction";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        int name;
        if (s.startsWith("UPDATE")) {
            name = s.skip(1, "ONLY", "LOW_PRIORITY", "IGNORE");
        } else if (s.startsWith("DELETE")) {
            int from = s.find(1, "FROM");
            if (from < 0) {
                return List.of();
            }
            name = s.skip(from + 1, "ONLY");
        } else {
            return List.of();
        }
        String table = s.nameAt(name);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        int where = topLevel(s, name, "WHERE");
        if (topLevel(s, name, "LIMIT") >= 0) {
            return List.of();
        }
        String verb = s.kw(0);
        if (where < 0) {
            return List.of(finding(context, table, Severity.ERROR, verb + " without WHERE changes every row of " + table));
        }
        Bound bound = bound(s, where + 1, context, table);
        if (bound == Bound.KEY) {
            return List.of();
        }
        if (bound == Bound.EQUALITY) {
            return List.of(finding(context, table, Severity.WARNING, verb + " of " + table + " selects rows by an"
                    + " equality on a column that is not a key: if many rows match, it is one long transaction"));
        }
        return List.of(finding(context, table, Severity.ERROR, verb + " of " + table + " with a WHERE that is no key"
                + " range can match every row"));
    }

    private enum Bound { KEY, EQUALITY, NONE }

    /**
     * The bound of the WHERE clause starting at {@code from}: with {@code OR} outside parentheses, the weakest of its
     * alternatives, since each one selects rows on its own ({@code WHERE owner_id = '0000...' OR owner_id IS NULL}
     * right after adding owner_id matches every row: found in Ory Kratos' migrations).
     */
    private static Bound bound(SqlStatement s, int from, LintContext context, String table) {
        Bound weakest = Bound.KEY;
        int depth = 0;
        int start = from;
        for (int i = from; i <= s.size(); i++) {
            if (i < s.size()) {
                Token t = s.token(i);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                }
                if (depth != 0 || !t.is("OR")) {
                    continue;
                }
            }
            Bound b = boundOf(s, start, i, context, table);
            if (b.ordinal() > weakest.ordinal()) {
                weakest = b;
            }
            start = i + 1;
        }
        return weakest;
    }

    /**
     * The best bound among the conditions in tokens {@code from} to {@code to} (exclusive), joined by AND. A condition
     * on a column added earlier in the file bounds nothing: every row holds the default it was added with (found in
     * Mattermost's migrations: ADD COLUMN ChannelId ... DEFAULT "", then UPDATE ... WHERE ChannelId = "").
     */
    private static Bound boundOf(SqlStatement s, int from, int to, LintContext context, String table) {
        Bound best = Bound.NONE;
        // a key column bounded on both sides (id > v_last AND id <= v_next) is one batch whatever bounds it: in a
        // procedure the bounds are variables, which read like column names here
        java.util.Set<String> lower = new java.util.HashSet<>();
        java.util.Set<String> upper = new java.util.HashSet<>();
        for (int i = from; i < to; i++) {
            Token t = s.token(i);
            if (t.type() != Token.Type.WORD && t.type() != Token.Type.QUOTED) {
                continue;
            }
            int after = s.afterName(i);
            if (after >= s.size()) {
                break;
            }
            Token op = s.token(after);
            String column = lastPart(s, i, after);
            if (context.addedInFile(table, column)) {
                continue;
            }
            boolean comparison = op.isSymbol("=") || op.isSymbol("<") || op.isSymbol(">") || op.isSymbol("<=")
                    || op.isSymbol(">=") || op.is("IN") || op.is("BETWEEN") || op.isSymbol("=ANY");
            if (!comparison || after + 1 >= s.size()) {
                continue;
            }
            int v = after + 1;
            if ((op.isSymbol("<") || op.isSymbol(">")) && s.token(v).isSymbol("=") && v + 1 < s.size()) {
                v++;
            }
            if ((op.isSymbol("<") && s.token(v).isSymbol(">"))) {
                continue;
            }
            if (key(column) && (op.isSymbol(">") || op.isSymbol(">="))) {
                lower.add(column);
            } else if (key(column) && (op.isSymbol("<") || op.isSymbol("<="))) {
                upper.add(column);
            }
            if (lower.stream().anyMatch(upper::contains)) {
                return Bound.KEY;
            }
            Token value = s.token(v);
            boolean literal = value.type() == Token.Type.NUMBER || value.type() == Token.Type.STRING
                    || value.isSymbol("?") || value.isSymbol(":") || value.isSymbol("$") || value.isSymbol("-")
                    || value.text().startsWith("$") || value.text().startsWith(":");
            boolean list = value.isSymbol("(") && (op.is("IN") || op.isSymbol("=")) && boundedList(s, v);
            if (key(column) && (literal || list || op.is("ANY"))) {
                return Bound.KEY;
            }
            if (op.isSymbol("=") && literal || op.is("IN") && list) {
                best = Bound.EQUALITY;
            }
        }
        return best;
    }

    /** {@code (1, 2, 3)} or {@code (SELECT ... LIMIT n)}: a bounded set of keys. */
    private static boolean boundedList(SqlStatement s, int open) {
        boolean select = s.matchesAt(open + 1, "SELECT");
        int depth = 0;
        for (int i = open; i < s.size(); i++) {
            if (s.token(i).isSymbol("(")) {
                depth++;
            } else if (s.token(i).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return !select;
                }
            } else if (select && s.token(i).is("LIMIT")) {
                return true;
            }
        }
        return false;
    }

    private static String lastPart(SqlStatement s, int i, int after) {
        return s.token(after - 1).name().toLowerCase(Locale.ROOT);
    }

    private static boolean key(String column) {
        return column.equals("id") || column.endsWith("_id") || column.equals("uuid") || column.endsWith("_uuid")
                || column.equals("pk") || column.endsWith("_pk") || column.equals("ctid");
    }

    /** Index of the keyword outside parentheses after {@code from}, or -1. */
    private static int topLevel(SqlStatement s, int from, String keyword) {
        int depth = 0;
        for (int i = from; i < s.size(); i++) {
            Token t = s.token(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private Finding finding(LintContext context, String table, Severity severity, String what) {
        String q = context.dialect().quote(dev.migrationstrategist.schema.Ident.of(table));
        return new Finding(id(), severity, table,
                what + ": one statement holds row locks on every row it changes until it commits (LOCKS.md: one"
                        + " UPDATE of a million rows held them 11-28 s), blocking the app's writes to those rows, and"
                        + " ships one huge transaction to replicas.",
                "Change the rows in keyset batches that each commit on their own: ... WHERE id > :last AND id <= :last"
                        + " + 10000 (or " + (context.mysqlFamily() ? "... ORDER BY id LIMIT 10000" : "WHERE id IN"
                        + " (SELECT id FROM " + q + " WHERE ... ORDER BY id LIMIT 10000)") + "), repeated until no row"
                        + " is left; or let strategist plan's backfill step do it.",
                null);
    }
}
