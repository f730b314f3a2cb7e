package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Ident;

import java.util.Locale;

/** Turns identifiers as written in SQL into {@link Ident}s as the catalog stores them. */
public final class Idents {
    private Idents() {
    }

    /**
     * Strips quotes ({@code "x"}, {@code `x`}, {@code [x]}); folds unquoted names to lower case on PostgreSQL.
     * A qualified name keeps only its last part.
     */
    public static Ident fromSql(String written, Dialect dialect) {
        String text = lastPart(written.trim());
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\""))) {
            return Ident.of(text.substring(1, text.length() - 1).replace("\"\"", "\""));
        }
        if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
            return Ident.of(text.substring(1, text.length() - 1).replace("``", "`"));
        }
        if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
            return Ident.of(text.substring(1, text.length() - 1));
        }
        return Ident.of(dialect instanceof PostgresDialect ? text.toLowerCase(Locale.ROOT) : text);
    }

    /** The last dot-separated part of a possibly qualified, possibly quoted name. */
    static String lastPart(String name) {
        boolean inQuote = false;
        char quote = 0;
        int lastDot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (inQuote) {
                if (c == quote) {
                    inQuote = false;
                }
            } else if (c == '"' || c == '`') {
                inQuote = true;
                quote = c;
            } else if (c == '.') {
                lastDot = i;
            }
        }
        return lastDot < 0 ? name : name.substring(lastDot + 1);
    }
}
