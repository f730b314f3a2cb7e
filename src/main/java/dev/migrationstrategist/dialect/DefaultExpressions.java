package dev.migrationstrategist.dialect;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a column default costs when a column is added with it. A constant (and, on PostgreSQL, a stable function
 * such as {@code now()}, evaluated once) is kept in the catalog on servers with fast defaults; a volatile function
 * ({@code clock_timestamp()}, {@code gen_random_uuid()}, {@code uuid()}) has to be evaluated for every existing row,
 * which rewrites (PostgreSQL) or copies (MySQL/MariaDB) the whole table (measured, LOCKS.md).
 */
public final class DefaultExpressions {
    private static final Pattern VOLATILE = Pattern.compile("(?i)\\b(clock_timestamp|statement_timestamp|timeofday"
            + "|gen_random_uuid|uuid_generate_v[1-4]\\w*|random|nextval|uuid|uuid_short|rand|sysdate|uuid_v[47]"
            + "|gen_random_bytes)\\s*\\(");
    /** MySQL/MariaDB: CURRENT_TIMESTAMP / NOW() are the only non-literal defaults an instant ADD COLUMN accepts. */
    private static final Pattern MY_INSTANT_FUNCTION = Pattern.compile("(?i)\\s*(current_timestamp|now|localtime"
            + "|localtimestamp)\\s*(\\(\\s*\\d*\\s*\\))?\\s*");
    /**
     * MySQL/MariaDB: a string in double quotes is a string literal, as in single quotes (sql_mode without
     * ANSI_QUOTES, the default): {@code DEFAULT ""} is an empty string (measured on MariaDB 10.11: accepted with
     * ALGORITHM=INSTANT; found in Ory Kratos' MySQL migrations).
     */
    private static final Pattern MY_STRING = Pattern.compile("(?s)\\s*\\(?\\s*\"(?:[^\"\\\\]|\"\"|\\\\.)*\"\\s*\\)?\\s*");
    private static final Pattern LITERAL = Pattern.compile("(?is)\\s*\\(?\\s*([-+]?\\d+(\\.\\d+)?|'(?:[^']|'')*'"
            + "(\\s*::\\s*[a-z_][a-z0-9_ ]*(\\(\\d+(,\\d+)?\\))?)*|true|false|null)\\s*\\)?\\s*");

    private DefaultExpressions() {
    }

    /** True when the expression yields a different value per row (the server must evaluate it for each row). */
    public static boolean isVolatile(String expression) {
        return expression != null && VOLATILE.matcher(expression).find();
    }

    /** True for a literal: a number, a quoted string (with PostgreSQL casts), TRUE, FALSE or NULL. */
    public static boolean isLiteral(String expression) {
        return expression != null && LITERAL.matcher(expression).matches();
    }

    /**
     * True when the direct {@code ADD COLUMN ... DEFAULT} writes no row under a lock that blocks writes: PostgreSQL
     * 11+ for any non-volatile default (kept in the catalog); MySQL/MariaDB for a literal or CURRENT_TIMESTAMP
     * (INSTANT from MySQL 8.0.12 / MariaDB 10.3; before that an in-place rebuild with LOCK=NONE, which the column
     * costs with or without its default). A volatile default needs every row written: a PostgreSQL rewrite, a
     * MySQL/MariaDB table copy (INSTANT refused, measured on MariaDB 10.11 for DEFAULT uuid()).
     */
    public static boolean addIsCatalogOnly(Dialect dialect, String expression) {
        if (expression == null) {
            return true;
        }
        if (isVolatile(expression)) {
            return false;
        }
        if (dialect instanceof PostgresDialect pg) {
            return pg.fastConstantDefault();
        }
        return isLiteral(expression) || MY_STRING.matcher(expression).matches()
                || MY_INSTANT_FUNCTION.matcher(expression).matches();
    }

    /** A short word for messages: "volatile default gen_random_uuid()". */
    public static String describe(String expression) {
        return (isVolatile(expression) ? "volatile default " : "default ") + expression.trim();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
