package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The tokens of one SQL expression as an index key or predicate holds it (what the server deparsed, or what a DDL
 * file wrote): words, quoted identifiers ({@code "x"}, {@code `x`}), string literals ({@code '...'}, {@code E'...'},
 * dollar-quoted), numbers, comments and punctuation. It answers which tokens are column references, so an index's
 * expression or predicate can be searched for a column and rewritten to another one token by token, never by a
 * textual replace: a word followed by {@code (} is a function, a word after {@code ::} (and the words of a
 * multi-word type) is a type, a word after {@code COLLATE} a collation, a word next to a {@code .} part of a
 * qualified name or a field selection; string literals and comments are never looked into.
 */
public final class ExpressionTokens {
    /** The kinds of token. */
    public enum Kind { WORD, QUOTED, STRING, NUMBER, SPACE, COMMENT, PUNCT }

    /** One token: its kind and its text exactly as written. */
    public record Token(Kind kind, String text) {
        /** The identifier it spells: a word case-folded to lower case, a quoted identifier unquoted. */
        public String identifier() {
            if (kind == Kind.QUOTED) {
                char q = text.charAt(0);
                return text.substring(1, text.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
            }
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** Words that continue a type name after {@code ::} ({@code character varying}, {@code time with time zone}). */
    private static final Set<String> TYPE_WORDS = Set.of("varying", "precision", "with", "without", "time", "zone");

    private final List<Token> tokens;

    private ExpressionTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static ExpressionTokens of(String sql) {
        return new ExpressionTokens(lex(sql == null ? "" : sql));
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** True when some token refers to {@code column}. */
    public boolean mentions(Ident column) {
        for (int i = 0; i < tokens.size(); i++) {
            if (isColumnReference(i) && matches(tokens.get(i), column)) {
                return true;
            }
        }
        return false;
    }

    /** The columns of {@code candidates} the expression refers to, in the order of their first reference. */
    public List<Ident> columnsIn(List<Ident> candidates) {
        List<Ident> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!isColumnReference(i)) {
                continue;
            }
            Token t = tokens.get(i);
            for (Ident c : candidates) {
                if (matches(t, c) && out.stream().noneMatch(c::equals)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * The expression with every reference to {@code from} replaced by {@code quotedTo} (the new name as the dialect
     * quotes it); every other token, spacing included, stays as it was.
     */
    public String rename(Ident from, String quotedTo) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            sb.append(isColumnReference(i) && matches(t, from) ? quotedTo : t.text());
        }
        return sb.toString();
    }

    /**
     * {@code sql} without the parentheses that wrap all of it, repeatedly ({@code ((a > 0))} is {@code a > 0}), as
     * the DDL reader keeps a predicate; null for null.
     */
    public static String unwrap(String sql) {
        if (sql == null) {
            return null;
        }
        String t = sql.strip();
        while (t.startsWith("(") && t.endsWith(")")) {
            List<Token> tokens = lex(t);
            int depth = 0;
            for (int i = 0; i < tokens.size(); i++) {
                String text = tokens.get(i).text();
                if (text.equals("(")) {
                    depth++;
                } else if (text.equals(")") && --depth == 0 && i < tokens.size() - 1) {
                    return t; // the first parenthesis closes before the end: (a) AND (b)
                }
            }
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /**
     * The quoting a model gives a renamed column in expressions it already holds (no dialect at hand): the new name
     * bare when it is a lower-case plain name, else in backticks when any of {@code texts} uses backticks, double
     * quotes otherwise.
     */
    public static Function<Ident, String> modelQuote(java.util.stream.Stream<String> texts) {
        char q = texts.filter(java.util.Objects::nonNull).anyMatch(e -> e.contains("`")) ? '`' : '"';
        return i -> i.name().matches("[a-z_][a-z0-9_]*") ? i.name()
                : q + i.name().replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    /** Rewrites the expression {@code sql} with {@link #rename}, or returns null for null. */
    public static String rename(String sql, Ident from, Ident to, Function<Ident, String> quote) {
        return sql == null ? null : of(sql).rename(from, quote.apply(to));
    }

    /**
     * A word or quoted identifier that names a column: not a function name (followed by {@code (}), not a type
     * (after {@code ::}), not a collation (after {@code COLLATE}), not part of a qualified name or field selection
     * (next to a {@code .}).
     */
    boolean isColumnReference(int i) {
        Token t = tokens.get(i);
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
            return false;
        }
        Token next = significant(i, +1);
        if (next != null && (next.text().equals("(") || next.text().equals("."))) {
            return false;
        }
        int p = previousIndex(i);
        if (p < 0) {
            return true;
        }
        Token prev = tokens.get(p);
        if (prev.text().equals(".") || prev.text().equals("::")
                || prev.kind() == Kind.WORD && prev.text().equalsIgnoreCase("COLLATE")) {
            return false;
        }
        // the second and later words of a multi-word type: character varying, timestamp with time zone
        if (t.kind() == Kind.WORD && TYPE_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
            int q = p;
            while (q >= 0 && tokens.get(q).kind() == Kind.WORD) {
                q = previousIndex(q);
                if (q >= 0 && tokens.get(q).text().equals("::")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A word matches case-insensitively (as {@link Ident#sameAs}), a "quoted" name exactly, a `quoted` one not. */
    private static boolean matches(Token t, Ident column) {
        return t.kind() == Kind.QUOTED && t.text().charAt(0) == '"' ? t.identifier().equals(column.name())
                : t.identifier().equalsIgnoreCase(column.name());
    }

    private Token significant(int i, int step) {
        for (int k = i + step; k >= 0 && k < tokens.size(); k += step) {
            Kind kind = tokens.get(k).kind();
            if (kind != Kind.SPACE && kind != Kind.COMMENT) {
                return tokens.get(k);
            }
        }
        return null;
    }

    private int previousIndex(int i) {
        for (int k = i - 1; k >= 0; k--) {
            Kind kind = tokens.get(k).kind();
            if (kind != Kind.SPACE && kind != Kind.COMMENT) {
                return k;
            }
        }
        return -1;
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                kind = Kind.SPACE;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                kind = Kind.COMMENT;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                kind = Kind.COMMENT;
            } else if (c == '"' || c == '`') {
                i = closing(s, i + 1, c, false);
                kind = Kind.QUOTED;
            } else if (c == '\'') {
                i = closing(s, i + 1, '\'', false);
                kind = Kind.STRING;
            } else if ((c == 'E' || c == 'e') && i + 1 < n && s.charAt(i + 1) == '\'') {
                i = closing(s, i + 2, '\'', true);
                kind = Kind.STRING;
            } else if (c == '$' && dollarTag(s, i) != null) {
                String tag = dollarTag(s, i);
                int end = s.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
                kind = Kind.STRING;
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '$')) {
                    i++;
                }
                kind = Kind.WORD;
            } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
                i += 2;
                kind = Kind.PUNCT;
            } else {
                i++;
                kind = Kind.PUNCT;
            }
            out.add(new Token(kind, s.substring(start, i)));
        }
        return out;
    }

    /** The index after the closing {@code quote} (a doubled quote is part of the text). */
    private static int closing(String s, int from, char quote, boolean backslash) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))
                ? s.substring(i, j + 1) : null;
    }
}
