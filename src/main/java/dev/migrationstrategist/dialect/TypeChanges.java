package dev.migrationstrategist.dialect;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MariaDbDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.DataType;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a column type change costs and risks: whether the server can do it in place (no rewrite, no scan), whether
 * values can be lost on the way (narrowing and lossy casts), and the expression that converts a value.
 */
public final class TypeChanges {
    /** Families of types, enough to reason about widening and narrowing. */
    public enum Family { STRING, INTEGER, NUMERIC, TIMESTAMP, TIMESTAMPTZ, OTHER }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("integer", "int"), Map.entry("int4", "int"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("decimal", "numeric"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("bool", "boolean"), Map.entry("float8", "double precision"), Map.entry("double", "double precision"),
            Map.entry("character", "char"), Map.entry("float4", "real"), Map.entry("serial", "int"),
            Map.entry("serial4", "int"), Map.entry("smallserial", "smallint"), Map.entry("serial2", "smallint"),
            Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"));
    private static final Map<String, Integer> INT_BYTES = Map.of("tinyint", 1, "smallint", 2, "mediumint", 3,
            "int", 4, "bigint", 8);

    private TypeChanges() {
    }

    /**
     * The type's base name with aliases folded and MySQL's sign modifiers dropped: {@code character varying} →
     * {@code varchar}, {@code int4} → {@code int}, {@code int unsigned} → {@code int} (see {@link #unsigned}).
     */
    public static String canonical(DataType type) {
        String base = type.base().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        if (base.indexOf(' ') > 0) {
            base = base.replaceAll(" (unsigned|signed|zerofill)\\b", "").trim();
        }
        return ALIASES.getOrDefault(base, base);
    }

    /**
     * True for a MySQL/MariaDB {@code UNSIGNED} (or {@code ZEROFILL}, which implies it) numeric type: its values run
     * from 0 to 2^bits - 1 instead of -2^(bits-1) to 2^(bits-1) - 1.
     */
    public static boolean unsigned(DataType type) {
        String base = type.base().toLowerCase(Locale.ROOT);
        return base.matches(".* (unsigned|zerofill)\\b.*");
    }

    /** The smallest value an integer type holds (0 when unsigned). */
    public static BigInteger minimum(DataType type) {
        return intMin(type);
    }

    /** The largest value an integer type holds. */
    public static BigInteger maximum(DataType type) {
        return intMax(type);
    }

    public static Family family(DataType type) {
        String c = canonical(type);
        if (c.equals("varchar") || c.equals("char") || c.endsWith("text")) {
            return Family.STRING;
        }
        if (INT_BYTES.containsKey(c)) {
            return Family.INTEGER;
        }
        if (c.equals("numeric")) {
            return Family.NUMERIC;
        }
        if (c.equals("timestamp") || c.equals("datetime")) {
            return Family.TIMESTAMP;
        }
        if (c.equals("timestamptz")) {
            return Family.TIMESTAMPTZ;
        }
        return Family.OTHER;
    }

    /**
     * A value of the type that any row may hold, for a NOT NULL column that must accept an insert leaving it out
     * (MySQL/MariaDB: during a swap window interrupted between its statements); null where the family has none.
     */
    public static String filler(DataType type) {
        return switch (family(type)) {
            case STRING -> "''";
            case INTEGER, NUMERIC -> "0";
            case TIMESTAMP, TIMESTAMPTZ -> "'1970-01-01 00:00:00'";
            case OTHER -> null;
        };
    }

    /** True when both spell the same type ({@code INT} and {@code integer}, {@code int(11)} and {@code int}). */
    public static boolean same(DataType a, DataType b) {
        if (EnumLists.isEnumOrSet(a) || EnumLists.isEnumOrSet(b)) {
            return a.base().equals(b.base()) && EnumLists.values(a).equals(EnumLists.values(b));
        }
        boolean integers = family(a) == Family.INTEGER && family(b) == Family.INTEGER; // args are display widths
        return canonical(a).equals(canonical(b)) && unsigned(a) == unsigned(b)
                && (integers || a.args().equals(b.args())) && a.array() == b.array();
    }

    /**
     * True when the server changes the type in the catalog only: no rewrite, no scan (LOCKS.md). The same type
     * (a restatement) is never rewritten. PostgreSQL:
     * varchar(n) to a longer varchar or to text, numeric precision up with the same scale. MariaDB/MySQL: varchar
     * growth that keeps the length prefix (1 byte up to 255 bytes, else 2), counted for utf8mb4 (4 bytes a
     * character), the default character set.
     */
    public static boolean inPlace(Dialect dialect, DataType from, DataType to) {
        if (same(from, to)) {
            // measured on PostgreSQL 15: ALTER COLUMN c TYPE uuid / jsonb / timestamp on a column of that very type
            // keeps the relfilenode (no rewrite); ORMs emit it beside every DROP NOT NULL
            return true;
        }
        if (from.array() || to.array()) {
            return false;
        }
        if (!(dialect instanceof PostgresDialect) && EnumLists.appendsWithinStorage(from, to)) {
            return true;
        }
        String f = canonical(from);
        String t = canonical(to);
        if (dialect instanceof PostgresDialect) {
            if (f.equals("varchar") && (t.equals("text") || (t.equals("varchar") && (to.length() == null
                    || (from.length() != null && to.length() >= from.length()))))) {
                return true;
            }
            if (f.equals("text") && t.equals("varchar") && to.length() == null) {
                return true;
            }
            return f.equals("numeric") && t.equals("numeric") && from.length() != null
                    && (to.length() == null || (to.length() >= from.length()
                    && scaleOf(to) == scaleOf(from)));
        }
        return f.equals("varchar") && t.equals("varchar") && from.length() != null && to.length() != null
                && to.length() >= from.length() && prefixBytes(from.length()) == prefixBytes(to.length());
    }

    /** MySQL/MariaDB varchar length prefix for utf8mb4: 1 byte up to 255 bytes of data, else 2. */
    public static int prefixBytes(int characters) {
        return characters * 4 <= 255 ? 1 : 2;
    }

    private static int scaleOf(DataType t) {
        return t.scale() == null ? 0 : t.scale();
    }

    /** Why values may not survive the change (truncation, overflow, rounding, reinterpretation), if they may not. */
    public static Optional<String> lossReason(DataType from, DataType to) {
        if (sameEnumKind(from, to)) { // values convert by label: only a label the new list lacks is lost
            List<String> gone = removedLabels(from, to);
            return gone.isEmpty() ? Optional.empty()
                    : Optional.of("values " + gone + " are not in " + to.sql());
        }
        Family f = family(from);
        Family t = family(to);
        if (t == Family.STRING) {
            Integer max = maxChars(to);
            Integer had = f == Family.STRING ? maxChars(from) : null;
            if (max != null && (had == null || had > max)) {
                return Optional.of("values longer than " + max + " characters do not fit in " + to.sql());
            }
            return Optional.empty();
        }
        if (f == Family.INTEGER && t == Family.INTEGER) {
            return intMin(to).compareTo(intMin(from)) > 0 || intMax(to).compareTo(intMax(from)) < 0
                    ? Optional.of("values outside " + intMin(to) + ".." + intMax(to) + " do not fit in " + to.sql())
                    : Optional.empty();
        }
        if ((f == Family.NUMERIC || f == Family.INTEGER) && t == Family.NUMERIC) {
            if (to.length() == null) {
                return Optional.empty();
            }
            int toScale = scaleOf(to);
            int toDigits = to.length() - toScale;
            boolean scaleDown = f == Family.NUMERIC && (from.length() == null || scaleOf(from) > toScale);
            boolean digitsDown = f == Family.INTEGER ? toDigits < intMax(from).toString().length()
                    : from.length() == null || from.length() - scaleOf(from) > toDigits;
            if (scaleDown || digitsDown) {
                return Optional.of((scaleDown ? "values with more than " + toScale + " decimal places are rounded" : "")
                        + (scaleDown && digitsDown ? ", and " : "")
                        + (digitsDown ? "values of absolute value 1e" + toDigits + " or more do not fit" : "") + " in " + to.sql());
            }
            return Optional.empty();
        }
        if (f == Family.NUMERIC && t == Family.INTEGER) {
            return Optional.of("fractions are rounded away and values outside " + intMin(to) + ".." + intMax(to)
                    + " do not fit in " + to.sql());
        }
        if (f == Family.STRING && (t == Family.INTEGER || t == Family.NUMERIC)) {
            return Optional.of("text that is not a number cannot be converted to " + to.sql());
        }
        if ((f == Family.TIMESTAMP && t == Family.TIMESTAMPTZ) || (f == Family.TIMESTAMPTZ && t == Family.TIMESTAMP)) {
            return Optional.of(f == Family.TIMESTAMP
                    ? "values without a time zone are read as UTC; if they were written in another zone they shift"
                    : "the time zone is dropped: values are kept as UTC wall-clock times");
        }
        Long hadBytes = binaryBytes(from);
        Long maxBytes = binaryBytes(to);
        if (hadBytes != null && maxBytes != null) { // MySQL/MariaDB BLOB ladder, VARBINARY(n): bytes kept as they are
            return hadBytes <= maxBytes ? Optional.empty()
                    : Optional.of("values longer than " + maxBytes + " bytes do not fit in " + to.sql());
        }
        if (f != t || f == Family.OTHER) {
            return Optional.of("not every " + from.sql() + " value converts to " + to.sql());
        }
        return Optional.empty();
    }

    /**
     * The query that counts the rows whose value would not fit or would change, or null when no query can tell.
     */
    public static String checkQuery(Dialect dialect, String table, String column, DataType from, DataType to) {
        Family f = family(from);
        Family t = family(to);
        boolean pg = (dialect instanceof PostgresDialect);
        String where = null;
        if (sameEnumKind(from, to)) {
            List<String> gone = removedLabels(from, to);
            where = gone.isEmpty() ? null : from.base().equals("enum")
                    ? column + " IN (" + String.join(", ", gone.stream().map(dialect::literal).toList()) + ")"
                    : String.join(" OR ", gone.stream().map(v -> "FIND_IN_SET(" + dialect.literal(v) + ", "
                    + column + ") > 0").toList());
        } else if (t == Family.STRING && maxChars(to) != null) {
            String text = f == Family.STRING ? column : "CAST(" + column + (pg ? " AS text)" : " AS CHAR)");
            where = (pg ? "char_length(" : "CHAR_LENGTH(") + text + ") > " + maxChars(to);
        } else if ((f == Family.INTEGER || f == Family.NUMERIC) && t == Family.INTEGER) {
            // only the bounds the old type can cross: an unsigned column is never below 0, and comparing it with a
            // negative literal it can never equal would count nothing anyway
            boolean below = f == Family.NUMERIC || intMin(to).compareTo(intMin(from)) > 0;
            boolean above = f == Family.NUMERIC || intMax(to).compareTo(intMax(from)) < 0;
            List<String> outside = new java.util.ArrayList<>();
            if (below) {
                outside.add(column + " < " + intMin(to));
            }
            if (above) {
                outside.add(column + " > " + intMax(to));
            }
            if (f == Family.NUMERIC) {
                outside.add(column + " <> " + (pg ? "trunc(" : "TRUNCATE(") + column + (pg ? ")" : ", 0)"));
            }
            where = outside.isEmpty() ? null : String.join(" OR ", outside);
        } else if (t == Family.NUMERIC && to.length() != null) {
            int toScale = scaleOf(to);
            where = (pg ? "abs(" : "ABS(") + column + ") >= 1e" + (to.length() - toScale)
                    + (f == Family.NUMERIC ? " OR " + column + " <> " + (pg ? "round(" : "ROUND(") + column + ", "
                    + toScale + ")" : "");
        } else if (f == Family.STRING && (t == Family.INTEGER || t == Family.NUMERIC)) {
            String pattern = t == Family.INTEGER ? "^\\s*[-+]?[0-9]+\\s*$" : "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*$";
            where = pg ? column + " !~ '" + pattern + "'"
                    : column + " NOT REGEXP '" + pattern.replace("\\s", "[[:space:]]") + "'";
        } else if (lossReason(from, to).isPresent()) {
            where = column + " IS NOT NULL";
        }
        return where == null ? null : "SELECT count(*) FROM " + table + " WHERE " + where + ";";
    }

    /**
     * The expression that converts {@code expression}, a value of {@code from}, to {@code to}. Where an assignment
     * converts and fails loudly on values that do not fit, the plain value is used (PostgreSQL and strict MySQL raise
     * "value too long" / "out of range" instead of truncating, which an explicit CAST to varchar(n) would do).
     * Timestamps are read and written as UTC.
     */
    public static String convert(Dialect dialect, String expression, DataType from, DataType to) {
        Family f = family(from);
        Family t = family(to);
        if ((f == Family.TIMESTAMP && t == Family.TIMESTAMPTZ) || (f == Family.TIMESTAMPTZ && t == Family.TIMESTAMP)) {
            return (dialect instanceof PostgresDialect) ? "(" + expression + " AT TIME ZONE 'UTC')" : expression;
        }
        if (!(dialect instanceof PostgresDialect) || t == Family.STRING || (f == t && f != Family.OTHER)
                || (f == Family.INTEGER && t == Family.NUMERIC) || (f == Family.NUMERIC && t == Family.INTEGER)) {
            return expression;
        }
        return "CAST(" + expression + " AS " + to.sql() + ")";
    }

    /** The most bytes a MySQL/MariaDB binary string type holds (TINYBLOB ... LONGBLOB, VARBINARY(n)), else null. */
    private static Long binaryBytes(DataType type) {
        return switch (canonical(type)) {
            case "tinyblob" -> 255L;
            case "blob" -> 65_535L;
            case "mediumblob" -> 16_777_215L;
            case "longblob" -> 4_294_967_295L;
            case "varbinary", "binary" -> type.length() == null ? null : type.length().longValue();
            default -> null;
        };
    }

    private static Integer maxChars(DataType type) {
        String c = canonical(type);
        if (c.equals("varchar") || c.equals("char")) {
            return type.length();
        }
        return switch (c) {
            case "tinytext" -> 255;
            case "text" -> null;
            default -> null;
        };
    }

    private static int intBytes(DataType type) {
        return INT_BYTES.getOrDefault(canonical(type), 8);
    }

    private static BigInteger intMax(DataType type) {
        int bits = intBytes(type) * 8;
        return BigInteger.TWO.pow(unsigned(type) ? bits : bits - 1).subtract(BigInteger.ONE);
    }

    private static BigInteger intMin(DataType type) {
        return unsigned(type) ? BigInteger.ZERO : BigInteger.TWO.pow(intBytes(type) * 8 - 1).negate();
    }

    /** True on MariaDB, which extends a varchar instantly where MySQL does it in place. */
    public static boolean instantVarchar(Dialect dialect) {
        return dialect instanceof MariaDbDialect;
    }

    /**
     * Like {@link #convert}, but a value that does not fit {@code to} becomes NULL instead of an error: for sync
     * triggers, where an error would fail the application's own write.
     */
    public static String convertGuarded(Dialect dialect, String expression, DataType from, DataType to) {
        String plain = convert(dialect, expression, from, to);
        String fits = lossReason(from, to).isPresent() ? fits((dialect instanceof PostgresDialect), expression, from, to) : null;
        return fits == null ? plain : "CASE WHEN " + fits + " THEN " + plain + " END";
    }

    /** True when {@link #convertGuarded} can turn a value into NULL (it does not fit the target type). */
    public static boolean guardMayGiveNull(DataType from, DataType to) {
        return lossReason(from, to).isPresent() && fits(true, "x", from, to) != null;
    }

    private static String fits(boolean pg, String expression, DataType from, DataType to) {
        Family f = family(from);
        Family t = family(to);
        if (t == Family.STRING && maxChars(to) != null) {
            String text = f == Family.STRING ? expression : "CAST(" + expression + (pg ? " AS text)" : " AS CHAR)");
            return (pg ? "char_length(" : "CHAR_LENGTH(") + text + ") <= " + maxChars(to);
        }
        if ((f == Family.INTEGER || f == Family.NUMERIC) && t == Family.INTEGER) {
            return expression + " BETWEEN " + intMin(to) + " AND " + intMax(to);
        }
        if ((f == Family.INTEGER || f == Family.NUMERIC) && t == Family.NUMERIC && to.length() != null) {
            return (pg ? "abs(" : "ABS(") + expression + ") < 1e" + (to.length() - scaleOf(to));
        }
        if (f == Family.STRING && t == Family.INTEGER) {
            String pattern = "^\\s*[-+]?[0-9]{1,18}\\s*$";
            return pg ? expression + " ~ '" + pattern + "' AND CAST(" + expression + " AS bigint) BETWEEN "
                    + intMin(to) + " AND " + intMax(to)
                    : expression + " REGEXP '" + pattern.replace("\\s", "[[:space:]]") + "' AND CAST(" + expression
                    + " AS SIGNED) BETWEEN " + intMin(to) + " AND " + intMax(to);
        }
        if (f == Family.STRING && t == Family.NUMERIC) {
            String pattern = "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*$";
            return pg ? expression + " ~ '" + pattern + "'"
                    : expression + " REGEXP '" + pattern.replace("\\s", "[[:space:]]") + "'";
        }
        return null;
    }

    /** Both ENUM or both SET (MySQL/MariaDB), whose values convert by label. */
    private static boolean sameEnumKind(DataType from, DataType to) {
        return EnumLists.isEnumOrSet(from) && from.base().equals(to.base());
    }

    /** The labels of {@code from} that {@code to} does not have. */
    private static List<String> removedLabels(DataType from, DataType to) {
        List<String> kept = EnumLists.values(to);
        return EnumLists.values(from).stream().filter(v -> !kept.contains(v)).toList();
    }

    /** True when converting back from {@code to} to {@code from} can lose values (a widening seen backwards). */
    public static boolean lossyBack(DataType from, DataType to) {
        return guardMayGiveNull(to, from);
    }
}
