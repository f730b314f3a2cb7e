package dev.migrationstrategist.input;

import java.util.List;

/** Walks the tokens of one statement, failing with the offset of what it did not expect. */
final class TokenCursor {
    private final String sql;
    private final List<DdlText.Token> tokens;
    private int i;

    TokenCursor(String sql, List<DdlText.Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    boolean more() {
        return i < tokens.size();
    }

    boolean peekIs(String word) {
        return more() && (tokens.get(i).is(word) || tokens.get(i).text().equals(word));
    }

    /** Whether the token {@code ahead} places after the next one is {@code word}. */
    boolean peekIs(int ahead, String word) {
        int k = i + ahead;
        return k < tokens.size() && (tokens.get(k).is(word) || tokens.get(k).text().equals(word));
    }

    /** The next token, not consumed. */
    DdlText.Token peek() {
        if (!more()) {
            unexpected();
        }
        return tokens.get(i);
    }

    boolean accept(String word) {
        if (peekIs(word)) {
            i++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            unexpected();
        }
    }

    String word() {
        if (!more() || tokens.get(i).kind() != DdlText.Kind.WORD) {
            unexpected();
        }
        return tokens.get(i++).text();
    }

    DdlText.Token group() {
        if (!more() || tokens.get(i).kind() != DdlText.Kind.GROUP) {
            unexpected();
        }
        return tokens.get(i++);
    }

    void any() {
        if (!more()) {
            unexpected();
        }
        i++;
    }

    /** The offset in the statement of the next token (or its end). */
    int offset() {
        return more() ? tokens.get(i).start() : sql.length();
    }

    /** The index of the next token. */
    int index() {
        return i;
    }

    String rest() {
        String text = sql.substring(tokens.get(i).start(), tokens.get(tokens.size() - 1).end());
        i = tokens.size();
        return text;
    }

    void unexpected() {
        if (!more()) {
            throw new DdlSyntaxException(sql.length(), "<EOF>");
        }
        throw new DdlSyntaxException(tokens.get(i).start(), '"' + tokens.get(i).text() + '"');
    }
}
