package dev.migrationstrategist.lint;

import dev.migrationstrategist.schema.DataType;

/**
 * A MySQL/MariaDB column type as a MODIFY / CHANGE writes it with its text encoding ({@code VARCHAR(100) CHARACTER
 * SET utf8mb4 COLLATE utf8mb4_unicode_520_ci}): the type without the encoding, the charset and the collation, read
 * from the type text's tokens (a {@link DataType} the change readers built).
 */
record CharsetClause(DataType type, String charset, String collation) {

    /** The type's encoding clause, or null when it names neither a charset nor a collation. */
    static CharsetClause of(String typeText) {
        if (typeText.indexOf('(') < 0 && typeText.indexOf(' ') < 0) {
            return null; // one word: no clause (the common case, without lexing)
        }
        SqlLexer.Lexed lexed = SqlLexer.lex(typeText, true);
        if (lexed.statements().size() != 1) {
            return null;
        }
        SqlStatement s = lexed.statements().get(0);
        int end = 0;
        while (end < s.size() && !s.token(end).is("CHARACTER") && !s.token(end).is("CHARSET")
                && !s.token(end).is("COLLATE")) {
            end++;
        }
        String charset = Charsets.charsetIn(s, end, s.size());
        String collation = Charsets.collationIn(s, end, s.size());
        if (end == 0 || charset == null && collation == null) {
            return null;
        }
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < end; i++) {
            Token t = s.token(i);
            boolean tight = t.isSymbol("(") || t.isSymbol(")") || t.isSymbol(",") || type.length() > 0
                    && type.charAt(type.length() - 1) == '(';
            type.append(tight || type.length() == 0 ? "" : " ").append(t.text());
        }
        try {
            return new CharsetClause(DataType.parse(type.toString()), charset, collation);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
