package dev.migrationstrategist.lint;

import java.util.Locale;

/**
 * One lexical token of a migration file, with where it starts (1-based). Comments are not tokens; string literals,
 * dollar-quoted bodies and quoted identifiers are single tokens, so nothing inside them is ever read as SQL.
 */
public record Token(Type type, String text, int line, int column) {

    public enum Type {
        /** An unquoted keyword or identifier. */
        WORD,
        /** A quoted identifier ({@code "x"}, {@code `x`}); text is the name without quotes. */
        QUOTED,
        /** A string literal or a dollar-quoted body, quotes included. */
        STRING,
        NUMBER,
        SYMBOL
    }

    /** Upper-case text of a word, else the empty string (so quoted names never match keywords). */
    public String keyword() {
        return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : "";
    }

    public boolean is(String keyword) {
        return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** An identifier as the catalog stores it, for comparisons: unquoted names folded to lower case. */
    public String name() {
        return type == Type.QUOTED ? text : text.toLowerCase(Locale.ROOT);
    }
}
