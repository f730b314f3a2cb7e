package dev.migrationstrategist.lint;

import java.util.List;
import java.util.Locale;

/**
 * One statement of a migration file: its text as written (without the final delimiter), where it starts, and its
 * tokens (comments left out, literals and bodies as single tokens). Rules match on tokens, never on raw text.
 */
public record SqlStatement(String text, int line, int column, List<Token> tokens) {
    public SqlStatement {
        tokens = List.copyOf(tokens);
    }

    /** The upper-case keyword at position i, or "" (past the end, or not a word). */
    public String kw(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).keyword() : "";
    }

    public int size() {
        return tokens.size();
    }

    public Token token(int i) {
        return tokens.get(i);
    }

    /** True when the statement starts with these keywords, in order. */
    public boolean startsWith(String... keywords) {
        return matchesAt(0, keywords);
    }

    public boolean matchesAt(int at, String... keywords) {
        if (at + keywords.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < keywords.length; k++) {
            if (!tokens.get(at + k).is(keywords[k])) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first occurrence of the keyword sequence at or after {@code from}, or -1. */
    public int find(int from, String... keywords) {
        for (int i = Math.max(0, from); i + keywords.length <= tokens.size(); i++) {
            if (matchesAt(i, keywords)) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(String... keywords) {
        return find(0, keywords) >= 0;
    }

    /** The first line of the statement, for messages. */
    public String firstLine() {
        String first = text.lines().findFirst().orElse("").strip();
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }

    /**
     * The tokens joined by single spaces, keywords and unquoted names in upper case, comments left out: the same for
     * the same statement however it is laid out or wherever it moves in the file.
     */
    public String normalised() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.type() == Token.Type.WORD ? t.keyword() : t.type() == Token.Type.QUOTED ? '"' + t.text() + '"'
                    : t.text());
        }
        return sb.toString();
    }

    /** The statement on one line with runs of whitespace collapsed (for a suggested command). */
    public String oneLine() {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * The (unqualified, catalog-cased) name at token i, skipping a schema prefix: {@code public.users} → users.
     * Returns null when there is no name there.
     */
    public String nameAt(int i) {
        if (i < 0 || i >= tokens.size()) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.type() != Token.Type.WORD && t.type() != Token.Type.QUOTED) {
            return null;
        }
        String name = t.name();
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".")) {
            Token next = tokens.get(j + 1);
            if (next.type() != Token.Type.WORD && next.type() != Token.Type.QUOTED) {
                break;
            }
            name = next.name();
            j += 2;
        }
        return name;
    }

    /** The index just past the (possibly qualified) name at token i. */
    public int afterName(int i) {
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".")) {
            j += 2;
        }
        return j;
    }

    /** Index of the next token after i that is not one of the given keywords. */
    public int skip(int i, String... keywords) {
        int j = i;
        outer:
        while (j < tokens.size()) {
            for (String k : keywords) {
                if (tokens.get(j).is(k)) {
                    j++;
                    continue outer;
                }
            }
            break;
        }
        return j;
    }

    @Override
    public String toString() {
        return line + ":" + column + " " + firstLine().toUpperCase(Locale.ROOT);
    }
}
