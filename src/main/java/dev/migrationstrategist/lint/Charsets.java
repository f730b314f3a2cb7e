package dev.migrationstrategist.lint;

import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.TextEncoding;

import java.util.Locale;
import java.util.Set;

/**
 * MySQL/MariaDB: what a change of character set or collation does to a column whose encoding State A knows, from
 * the measurements on MariaDB 10.11 (docs/measurements.md, "Character sets"): the same charset and collation is a
 * no-op (INSTANT); another collation of the same charset is INSTANT, or NOCOPY when an index covers the column
 * (the index is rebuilt, writes go on); utf8mb3 → utf8mb4 on MariaDB see {@link #widening}; any other charset
 * change is a copy.
 */
final class Charsets {
    private Charsets() {
    }

    enum Verdict {
        /** State A does not say the column's (or table's) charset: --schema / --db decides. */
        UNKNOWN,
        /** Nothing changes: ALGORITHM=INSTANT. */
        SAME,
        /** Only the collation changes: INSTANT, or NOCOPY (indexes rebuilt, writes go on) for an indexed column. */
        COLLATION,
        /** utf8mb3 → utf8mb4, the same collation family ({@code utf8mb3_general_ci} → {@code utf8mb4_general_ci}). */
        UTF8MB4,
        /** utf8mb3 → utf8mb4 with another collation family ({@code utf8mb3_general_ci} → {@code utf8mb4_unicode_ci}). */
        UTF8MB4_COLLATION,
        /** Another character set: the server can only copy the table. */
        OTHER
    }

    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set", "character", "nchar", "nvarchar", "national");
    private static final Set<String> LOB = Set.of("tinytext", "text", "mediumtext", "longtext");

    static boolean isText(DataType type) {
        return TEXT.contains(base(type));
    }

    static boolean isLob(DataType type) {
        return LOB.contains(base(type));
    }

    private static String base(DataType type) {
        String t = type.text().trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
        }
        return t.substring(0, end);
    }

    /** The column's encoding: its own over its table's; null when neither is known. */
    static TextEncoding of(Table table, Column column) {
        TextEncoding own = column.encoding();
        return own == null ? table.encoding() : own.over(table.encoding());
    }

    /** What changing {@code from} to {@code charset} (null: keep it) and {@code collation} (null: the default) does. */
    static Verdict compare(TextEncoding from, String charset, String collation, MySqlDialect dialect) {
        TextEncoding to = new TextEncoding(charset, collation);
        if (from == null || from.charset() == null) {
            return Verdict.UNKNOWN;
        }
        String target = to.charset() == null ? from.charset() : to.charset();
        if (!target.equals(from.charset())) {
            if (!from.charset().equals("utf8mb3") || !target.equals("utf8mb4")) {
                return Verdict.OTHER;
            }
            String was = from.collation() != null ? from.collation() : dialect.defaultCollation("utf8mb3");
            String will = to.collation() != null ? to.collation() : dialect.defaultCollation("utf8mb4");
            return was != null && will != null && was.substring("utf8mb3".length())
                    .equals(will.substring(Math.min(will.length(), "utf8mb4".length()))) ? Verdict.UTF8MB4
                    : Verdict.UTF8MB4_COLLATION;
        }
        String now = from.collation() != null ? from.collation() : dialect.defaultCollation(from.charset());
        String next = to.collation() != null ? to.collation()
                : to.charset() == null ? now : dialect.defaultCollation(target);
        if (now != null && now.equals(next)) {
            return Verdict.SAME;
        }
        return Verdict.COLLATION;
    }

    /** How the server runs a change of one column's encoding. */
    enum Algorithm {
        INSTANT, NOCOPY, COPY
    }

    /**
     * What utf8mb3 → utf8mb4 of one column takes (measured on MariaDB 10.11): INSTANT for CHAR, VARCHAR and TEXT;
     * NOCOPY when an index covers a VARCHAR/CHAR column and the collation family changes (the index is rebuilt);
     * a copy for an indexed TEXT column (a prefix index) and, in a CONVERT TO, for any TEXT column (it becomes
     * MEDIUMTEXT); a copy where the dialect has not measured it INSTANT (MySQL).
     */
    static Algorithm widening(Verdict v, Table table, Column column, MySqlDialect dialect, boolean convert) {
        boolean indexed = !table.indexesOn(column.name()).isEmpty();
        if (!dialect.utf8mb4WideningInstant() || isLob(column.type()) && (indexed || convert)) {
            return Algorithm.COPY;
        }
        return v == Verdict.UTF8MB4_COLLATION && indexed ? Algorithm.NOCOPY : Algorithm.INSTANT;
    }

    /** {@code CHARACTER SET x}, {@code CHARSET [=] x} between from and to: x, else null. */
    static String charsetIn(SqlStatement s, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (s.token(i).is("CHARACTER") && s.token(i + 1).is("SET") && i + 2 < to) {
                return value(s, i + 2, to);
            }
            if (s.token(i).is("CHARSET")) {
                return value(s, i + 1, to);
            }
        }
        return null;
    }

    /** {@code COLLATE [=] x} between from and to: x, else null. */
    static String collationIn(SqlStatement s, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (s.token(i).is("COLLATE")) {
                return value(s, i + 1, to);
            }
        }
        return null;
    }

    private static String value(SqlStatement s, int at, int to) {
        int v = at < to && s.token(at).isSymbol("=") ? at + 1 : at;
        return v < to ? s.token(v).text().replace("'", "").replace("`", "").replace("\"", "") : null;
    }
}
