package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DDL and DML inside procedural code, which migration folders use to make a file re-runnable (found in
 * Mattermost's migrations, both dialects):
 * <ul>
 *   <li>PostgreSQL {@code DO $$ ... IF column_exist THEN ALTER TABLE users ALTER COLUMN ... ; END IF; ... $$}: the
 *   body is one dollar-quoted token, which lint never read as SQL, so a rewrite inside it passed silently;</li>
 *   <li>a statement the file splits after a control-flow prefix ({@code IF(x > 0) THEN UPDATE posts ...},
 *   {@code ELSE ALTER TABLE ...}), as in a MySQL {@code CREATE PROCEDURE ... BEGIN ... END} that the file then
 *   CALLs: the statement was an {@code unrecognised-statement} note.</li>
 * </ul>
 * Each such statement is judged as if written out where it stands (whatever branch it is in: the branch that changes
 * something is what a database that needs the migration runs). A DO body with no such statement, and dynamic SQL
 * ({@code EXECUTE format(...)}), are left as they were.
 */
final class ProceduralSql {
    /** First words of statements worth judging inside procedural code. */
    private static final Set<String> CHANGES = Set.of("ALTER", "CREATE", "DROP", "RENAME", "TRUNCATE", "UPDATE",
            "DELETE", "INSERT", "REPLACE", "LOCK", "REINDEX", "CLUSTER", "VACUUM", "OPTIMIZE");
    /** Words a statement split out of procedural code may start with before the statement itself. */
    private static final Set<String> CONTROL = Set.of("IF", "ELSE", "ELSEIF", "ELSIF", "BEGIN", "LOOP", "WHILE",
            "REPEAT", "CASE", "WHEN", "FOR", "FOREACH");
    /** Words after which a statement starts inside procedural code. */
    private static final Set<String> BEFORE_STATEMENT = Set.of("THEN", "ELSE", "BEGIN", "LOOP", "DO");

    private ProceduralSql() {
    }

    static List<SqlStatement> expand(List<SqlStatement> statements, boolean mysql) {
        List<SqlStatement> out = new ArrayList<>();
        java.util.Map<String, List<SqlStatement>> routines = new java.util.HashMap<>();
        for (SqlStatement s : statements) {
            String created = createdRoutine(s);
            if (created != null) {
                routines.put(created, routineBody(s, mysql));
                out.add(s);
                continue;
            }
            String called = calledRoutine(s);
            if (called != null && routines.containsKey(called)) {
                out.add(s);
                for (SqlStatement inner : routines.get(called)) {
                    out.add(at(inner, s.line(), s.column()));
                }
                continue;
            }
            if (!mysql && s.startsWith("DO")) {
                List<SqlStatement> inner = doBody(s);
                if (!inner.isEmpty()) {
                    out.addAll(inner);
                    continue;
                }
            }
            SqlStatement after = afterControl(s, mysql);
            out.add(after == null ? s : after);
        }
        return out;
    }

    /**
     * {@code CREATE [OR REPLACE] [DEFINER = ...] PROCEDURE | FUNCTION name}: the name, else null. Its body runs where the
     * file calls it ({@code CALL name}, {@code SELECT name()}, {@code PERFORM name()}), as Apache DolphinScheduler's
     * upgrade scripts do on both dialects (create, call, drop), not where it is created.
     */
    private static String createdRoutine(SqlStatement s) {
        if (!s.startsWith("CREATE")) {
            return null;
        }
        int i = s.skip(1, "OR", "REPLACE");
        if (s.matchesAt(i, "DEFINER")) { // DEFINER = `user`@`host`
            int limit = Math.min(s.size(), i + 8);
            while (i < limit && !s.token(i).is("PROCEDURE") && !s.token(i).is("FUNCTION")) {
                i++;
            }
        }
        if (!s.matchesAt(i, "PROCEDURE") && !s.matchesAt(i, "FUNCTION")) {
            return null;
        }
        return s.nameAt(s.skip(i + 1, "IF", "NOT", "EXISTS"));
    }

    /** {@code CALL name [(...)]}, {@code SELECT name(...)}, {@code PERFORM name(...)}: the name, else null. */
    private static String calledRoutine(SqlStatement s) {
        if (s.size() < 2 || !(s.startsWith("CALL") || s.startsWith("SELECT") || s.startsWith("PERFORM"))) {
            return null;
        }
        int after = s.afterName(1);
        boolean call = s.startsWith("CALL");
        if (after == s.size() && call || after < s.size() && s.token(after).isSymbol("(")) {
            return s.nameAt(1);
        }
        return null;
    }

    /** The statements that change something in a routine's body: its dollar-quoted body, or MySQL's BEGIN ... END. */
    private static List<SqlStatement> routineBody(SqlStatement s, boolean mysql) {
        if (!mysql) {
            return doBody(s);
        }
        int begin = s.find(1, "BEGIN");
        if (begin < 0) {
            return List.of();
        }
        SqlLexer.Lexed lexed = SqlLexer.lex(s.text().substring(offset(s, s.token(begin))), true);
        if (lexed.problem() != null) {
            return List.of();
        }
        List<SqlStatement> out = new ArrayList<>();
        for (SqlStatement inner : lexed.statements()) {
            SqlStatement after = afterControl(inner, true);
            SqlStatement statement = after == null ? inner : after;
            if (statement.size() > 0 && CHANGES.contains(statement.kw(0))) {
                out.add(statement);
            }
        }
        return out;
    }

    /** The statements of a DO block's (or a routine's) body that change something, placed in the file; empty when none. */
    private static List<SqlStatement> doBody(SqlStatement s) {
        for (Token t : s.tokens()) {
            if (t.type() != Token.Type.STRING || !t.text().startsWith("$")) {
                continue;
            }
            int tagEnd = t.text().indexOf('$', 1);
            if (tagEnd < 0 || t.text().length() < 2 * (tagEnd + 1)) {
                return List.of();
            }
            String body = t.text().substring(tagEnd + 1, t.text().length() - tagEnd - 1);
            SqlLexer.Lexed lexed = SqlLexer.lex(body, false);
            if (lexed.problem() != null) {
                return List.of();
            }
            List<SqlStatement> out = new ArrayList<>();
            for (SqlStatement inner : lexed.statements()) {
                SqlStatement after = afterControl(inner, false);
                SqlStatement statement = after == null ? inner : after;
                if (statement.size() > 0 && CHANGES.contains(statement.kw(0))) {
                    out.add(placed(statement, t.line(), t.column() + tagEnd + 1));
                }
            }
            return out;
        }
        return List.of();
    }

    /**
     * For a statement that starts with control flow ({@code IF x THEN UPDATE ...}), the statement after it; null when
     * the statement does not start with control flow or holds no statement worth judging.
     */
    private static SqlStatement afterControl(SqlStatement s, boolean mysql) {
        if (s.size() < 2 || !(CONTROL.contains(s.kw(0)) || s.token(0).isSymbol("<"))) {
            return null;
        }
        for (int i = 1; i < s.size(); i++) {
            Token previous = s.token(i - 1);
            boolean starts = BEFORE_STATEMENT.contains(previous.keyword()) || previous.isSymbol(">");
            if (starts && CHANGES.contains(s.kw(i))) {
                String text = s.text().substring(offset(s, s.token(i)));
                SqlLexer.Lexed lexed = SqlLexer.lex(text, mysql);
                if (lexed.problem() != null || lexed.statements().isEmpty()) {
                    return null;
                }
                return placed(lexed.statements().get(0), s.token(i).line(), s.token(i).column());
            }
        }
        return null;
    }

    /** Where token t starts in the statement's text. */
    private static int offset(SqlStatement s, Token t) {
        String text = s.text();
        int at = 0;
        for (int line = s.line(); line < t.line(); line++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at + t.column() - (t.line() == s.line() ? s.column() : 1);
    }

    /** The statement with every token at (line, column): a routine's statements, reported where the file calls it. */
    private static SqlStatement at(SqlStatement inner, int line, int column) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : inner.tokens()) {
            tokens.add(new Token(t.type(), t.text(), line, column));
        }
        return new SqlStatement(inner.text(), line, column, tokens);
    }

    /** A statement lexed from text that starts at (line, column) of the file, with its positions moved there. */
    private static SqlStatement placed(SqlStatement inner, int line, int column) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : inner.tokens()) {
            tokens.add(new Token(t.type(), t.text(), line + t.line() - 1, t.line() == 1 ? column + t.column() - 1
                    : t.column()));
        }
        int startLine = line + inner.line() - 1;
        int startColumn = inner.line() == 1 ? column + inner.column() - 1 : inner.column();
        return new SqlStatement(inner.text(), startLine, startColumn, tokens);
    }
}
