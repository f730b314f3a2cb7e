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

    /**
     * The statement with each MySQL backtick name that holds an escaped backtick ({@code `a``b`}, the name
     * {@code a`b}) written as a double-quoted name ({@code "a`b"}), which the SQL parser reads as one identifier
     * (it splits {@code `a``b`} in two) and {@link #fromSql} turns into the same name. String literals, comments
     * and other names are left as they are, and so is a name that also holds a double quote.
     */
    static String doubledBackticksQuoted(String sql) {
        if (!sql.contains("``")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') { // a literal or a double-quoted name: copied whole
                int end = i + 1;
                while (end < n) {
                    char d = sql.charAt(end);
                    if (d == '\\' && c == '\'' && end + 1 < n) {
                        end += 2;
                    } else if (d == c && end + 1 < n && sql.charAt(end + 1) == c) {
                        end += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        end++;
                    }
                }
                end = Math.min(end + 1, n);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '`') {
                StringBuilder name = new StringBuilder();
                int end = i + 1;
                boolean escaped = false;
                while (end < n) {
                    char d = sql.charAt(end);
                    if (d == '`' && end + 1 < n && sql.charAt(end + 1) == '`') {
                        name.append('`');
                        escaped = true;
                        end += 2;
                    } else if (d == '`') {
                        break;
                    } else {
                        name.append(d);
                        end++;
                    }
                }
                end = Math.min(end + 1, n);
                if (escaped && name.indexOf("\"") < 0) {
                    out.append('"').append(name).append('"');
                } else {
                    out.append(sql, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
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
