package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a migration file into statements and line comments. Quotes, dollar-quoted bodies and comments are consumed
 * whole, so a semicolon or a keyword inside them is never a statement. An unterminated string, quoted name, body or
 * comment, or unbalanced parentheses, make the file unreadable: {@link Lexed#problem()} says where.
 */
public final class SqlLexer {

    /** The result: statements in order, line comments, and the first problem (null when the file reads cleanly). */
    public record Lexed(List<SqlStatement> statements, List<Comment> comments, LexProblem problem) {
    }

    private final String s;
    private final boolean mysql;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;
    private int col = 1;
    private int stmtStart = -1;
    private int stmtLine;
    private int stmtCol;
    private int depth;
    private int depthLine;
    private int depthCol;
    private String delimiter = ";";
    private boolean lineHasCode;

    private SqlLexer(String text, boolean mysql) {
        this.s = text;
        this.mysql = mysql;
    }

    /** @param mysql MySQL/MariaDB rules: backslash escapes, {@code #} comments, backticks, DELIMITER lines */
    public static Lexed lex(String text, boolean mysql) {
        return new SqlLexer(text, mysql).run();
    }

    private Lexed run() {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                advance(1);
                continue;
            }
            if (Character.isWhitespace(c)) {
                advance(1);
                continue;
            }
            if (mysql && !lineHasCode && stmtStart < 0 && s.regionMatches(true, i, "DELIMITER", 0, 9)
                    && i + 9 < n && Character.isWhitespace(s.charAt(i + 9))) {
                int end = lineEnd(i);
                String d = s.substring(i + 9, end).trim();
                delimiter = d.isEmpty() ? ";" : d;
                advance(end - i);
                continue;
            }
            if (c == '/' && !lineHasCode && stmtStart < 0 && s.substring(i + 1, lineEnd(i)).isBlank()) {
                // a line holding only "/" between statements: Liquibase's endDelimiter:/ (and Oracle's), never SQL
                advance(lineEnd(i) - i);
                continue;
            }
            if (c == '-' && peek(1) == '-' || mysql && c == '#') {
                int end = lineEnd(i);
                int from = c == '#' ? i + 1 : i + 2;
                comments.add(new Comment(line, s.substring(from, end).trim(), !lineHasCode));
                advance(end - i);
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                if (!blockComment()) {
                    return withProblem();
                }
                continue;
            }
            if (s.startsWith(delimiter, i) && depth == 0) {
                endStatement(i);
                advance(delimiter.length());
                continue;
            }
            if (s.startsWith(delimiter, i) && ";".equals(delimiter) && depth > 0) {
                return fail(depthLine, depthCol, "'(' is never closed before the ';' that ends the statement");
            }
            lineHasCode = true;
            if (stmtStart < 0) {
                stmtStart = i;
                stmtLine = line;
                stmtCol = col;
            }
            int tl = line;
            int tc = col;
            if (c == '\'' || (c == '"' && mysql)) {
                boolean escapes = mysql || i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e');
                int end = closeQuote(c, escapes);
                if (end < 0) {
                    return fail(tl, tc, "unterminated string literal starting here");
                }
                add(Token.Type.STRING, s.substring(i, end), tl, tc, end);
            } else if (c == '"' || c == '`' && mysql) {
                int end = closeQuote(c, false);
                if (end < 0) {
                    return fail(tl, tc, "unterminated quoted identifier starting here");
                }
                String name = s.substring(i + 1, end - 1).replace(String.valueOf(c) + c, String.valueOf(c));
                add(Token.Type.QUOTED, name, tl, tc, end);
            } else if (c == '$' && !mysql && dollarTag() != null) {
                String tag = dollarTag();
                int close = s.indexOf(tag, i + tag.length());
                if (close < 0) {
                    return fail(tl, tc, "unterminated dollar-quoted body " + tag + " starting here");
                }
                add(Token.Type.STRING, s.substring(i, close + tag.length()), tl, tc, close + tag.length());
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$')) {
                    end++;
                }
                add(Token.Type.WORD, s.substring(i, end), tl, tc, end);
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
                    end++;
                }
                add(Token.Type.NUMBER, s.substring(i, end), tl, tc, end);
            } else {
                if (c == '(') {
                    if (depth == 0) {
                        depthLine = tl;
                        depthCol = tc;
                    }
                    depth++;
                } else if (c == ')') {
                    if (depth == 0) {
                        return fail(tl, tc, "')' without a matching '('");
                    }
                    depth--;
                }
                add(Token.Type.SYMBOL, String.valueOf(c), tl, tc, i + 1);
            }
        }
        if (depth > 0) {
            return fail(depthLine, depthCol, "'(' is never closed");
        }
        endStatement(n);
        return done();
    }

    private Lexed withProblem() {
        return new Lexed(List.copyOf(statements), List.copyOf(comments), problem);
    }

    private Lexed done() {
        return new Lexed(List.copyOf(statements), List.copyOf(comments), null);
    }

    private Lexed fail(int l, int c, String message) {
        return new Lexed(List.copyOf(statements), List.copyOf(comments), new LexProblem(l, c, message));
    }

    private void endStatement(int end) {
        if (stmtStart >= 0 && !tokens.isEmpty()) {
            statements.add(new SqlStatement(s.substring(stmtStart, end).strip(), stmtLine, stmtCol, tokens));
        }
        tokens = new ArrayList<>();
        stmtStart = -1;
    }

    private void add(Token.Type type, String text, int l, int c, int end) {
        tokens.add(new Token(type, text, l, c));
        advance(end - i);
    }

    private boolean blockComment() {
        int l = line;
        int c = col;
        int nest = 0;
        int j = i;
        while (j < s.length()) {
            if (s.startsWith("/*", j)) {
                nest++;
                j += 2;
            } else if (s.startsWith("*/", j)) {
                nest--;
                j += 2;
                if (nest == 0 || mysql) {
                    advance(j - i);
                    return true;
                }
            } else {
                j++;
            }
        }
        problem = new LexProblem(l, c, "unterminated /* comment starting here");
        return false;
    }

    private LexProblem problem;

    private int closeQuote(char quote, boolean escapes) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\' && escapes && j + 1 < s.length()) {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    private String dollarTag() {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            String tag = s.substring(i, j + 1);
            if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
                return null;
            }
            return tag;
        }
        return null;
    }

    private int lineEnd(int from) {
        int end = s.indexOf('\n', from);
        return end < 0 ? s.length() : end;
    }

    private char peek(int ahead) {
        return i + ahead < s.length() ? s.charAt(i + ahead) : '\0';
    }

    private void advance(int count) {
        for (int k = 0; k < count && i < s.length(); k++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
                lineHasCode = false;
            } else {
                col++;
            }
            i++;
        }
    }
}
