package dev.migrationstrategist.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small tokenizer for the parts of DDL that JSqlParser rewrites or cannot read: it walks a statement's own text
 * and yields its top-level tokens with their offsets, so values (defaults, types, predicates) are kept exactly as
 * written and errors can point at the user's line and column.
 */
public final class DdlText {
    /** One token: a word (identifier or keyword, possibly qualified and quoted), a string, a (...) group or a symbol. */
    record Token(String text, int start, int end, Kind kind) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }

        /** The text between the parentheses of a group. */
        String inner() {
            return kind == Kind.GROUP ? text.substring(1, text.length() - 1) : text;
        }
    }

    enum Kind { WORD, STRING, GROUP, SYMBOL }

    private DdlText() {
    }

    static List<Token> tokens(String s) {
        return tokens(s, 0, s.length());
    }

    /** The top-level tokens of {@code s[from, to)}: a parenthesised group is one token. */
    static List<Token> tokens(String s, int from, int to) {
        List<Token> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < to && s.charAt(i + 1) == '-') {
                i = lineEnd(s, i, to);
            } else if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 || end + 2 > to ? to : end + 2;
            } else if (c == '(') {
                int end = closeGroup(s, i, to);
                out.add(new Token(s.substring(i, end), i, end, Kind.GROUP));
                i = end;
            } else if (c == '\'') {
                int end = closeQuote(s, i, to, '\'');
                out.add(new Token(s.substring(i, end), i, end, Kind.STRING));
                i = end;
            } else if (isWordStart(c)) {
                int end = wordEnd(s, i, to);
                out.add(new Token(s.substring(i, end), i, end, Kind.WORD));
                i = end;
            } else {
                int end = i + 1;
                if (c == ':' && end < to && s.charAt(end) == ':') {
                    end++;
                }
                out.add(new Token(s.substring(i, end), i, end, Kind.SYMBOL));
                i = end;
            }
        }
        return out;
    }

    /** Splits {@code s[from, to)} at top-level commas; each range is trimmed of surrounding whitespace. */
    public static List<int[]> splitTopLevel(String s, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '(') {
                i = closeGroup(s, i, to);
            } else if (c == '\'' || c == '"' || c == '`') {
                i = closeQuote(s, i, to, c);
            } else if (c == '-' && i + 1 < to && s.charAt(i + 1) == '-') {
                i = lineEnd(s, i, to);
            } else if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
                i = blockEnd(s, i, to); // a comment between columns may hold commas (a real registry's schema does)
            } else if (c == ',') {
                addTrimmed(out, s, start, i);
                start = ++i;
            } else {
                i++;
            }
        }
        addTrimmed(out, s, start, to);
        return out;
    }

    /** Text of tokens {@code [from, to)} exactly as written, or null for an empty range. */
    static String span(String s, List<Token> tokens, int from, int to) {
        if (from >= to) {
            return null;
        }
        return s.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** Removes one pair of parentheses that wraps the whole text, repeatedly: {@code ((a > 0))} is {@code a > 0}. */
    static String unwrap(String text) {
        String t = text.trim();
        while (t.startsWith("(") && closeGroup(t, 0, t.length()) == t.length()) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    private static void addTrimmed(List<int[]> out, String s, int start, int end) {
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }

    private static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '"' || c == '`' || c == '$' || c == '@';
    }

    /** A word runs over letters, digits, _ $ . and quoted parts, so {@code public."AuditLog"} is one word. */
    private static int wordEnd(String s, int i, int to) {
        while (i < to) {
            char c = s.charAt(i);
            if (c == '"' || c == '`') {
                i = closeQuote(s, i, to, c);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '@') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    static int closeGroup(String s, int open, int to) {
        int depth = 0;
        int i = open;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closeQuote(s, i, to, c);
                continue;
            }
            if (c == '-' && i + 1 < to && s.charAt(i + 1) == '-') {
                i = lineEnd(s, i, to);
                continue;
            }
            if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
                i = blockEnd(s, i, to);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return to;
    }

    private static int closeQuote(String s, int start, int to, char quote) {
        int i = start + 1;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\\' && quote == '\'' && i + 1 < to) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < to && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return to;
    }

    /** The index after the {@code *}{@code /} that closes the block comment at i, or {@code to}. */
    private static int blockEnd(String s, int i, int to) {
        int end = s.indexOf("*/", i + 2);
        return end < 0 || end + 2 > to ? to : end + 2;
    }

    private static int lineEnd(String s, int i, int to) {
        int end = s.indexOf('\n', i);
        return end < 0 || end > to ? to : end;
    }
}
