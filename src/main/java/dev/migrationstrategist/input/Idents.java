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
     * A qualified name keeps its schema (the part before the last dot, a database on MySQL/MariaDB) unless it is the
     * dialect's current schema ({@link Dialect#resolved}): {@code public.orders} is {@code orders},
     * {@code sales."Orders"} is {@code Orders} of schema {@code sales}. A catalog part ({@code db.schema.t}) is dropped.
     */
    public static Ident fromSql(String written, Dialect dialect) {
        java.util.List<String> parts = parts(written.trim());
        String name = part(parts.get(parts.size() - 1), dialect);
        String schema = parts.size() > 1 ? part(parts.get(parts.size() - 2), dialect) : null;
        return dialect.resolved(schema, name);
    }

    /** One part of a name as the catalog stores it: unquoted, folded to lower case where the dialect folds it. */
    private static String part(String text, Dialect dialect) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
            return text.substring(1, text.length() - 1).replace("``", "`");
        }
        if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
            return text.substring(1, text.length() - 1);
        }
        return dialect instanceof PostgresDialect ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The dot-separated parts of a possibly qualified, possibly quoted name, each as written (quotes kept). */
    static java.util.List<String> parts(String name) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean inQuote = false;
        char quote = 0;
        int from = 0;
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
                out.add(name.substring(from, i).trim());
                from = i + 1;
            }
        }
        out.add(name.substring(from).trim());
        out.removeIf(String::isEmpty);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        return out;
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
}
