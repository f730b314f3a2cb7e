package dev.migrationstrategist.schema;

import java.util.Locale;

/**
 * MySQL/MariaDB: the character set and collation of a table's text (its default, which {@code CONVERT TO} and new
 * columns take) or of one column that names its own. Either part may be unknown (null): a table created without
 * {@code DEFAULT CHARSET} takes the database's default, which a migration file does not show; a charset named without
 * a collation takes the charset's default collation, which depends on the server ({@code utf8mb4_general_ci} on
 * MariaDB 10.11, {@code utf8mb4_0900_ai_ci} on MySQL 8.0). Names are kept in lower case, {@code utf8} read as
 * {@code utf8mb3} (what both servers mean by it today).
 */
public record TextEncoding(String charset, String collation) {
    public TextEncoding {
        charset = fold(charset);
        collation = collation == null ? null : collation.toLowerCase(Locale.ROOT);
        if (charset == null && collation != null && collation.indexOf('_') > 0) {
            charset = fold(collation.substring(0, collation.indexOf('_'))); // utf8mb4_unicode_520_ci → utf8mb4
        }
        if (collation != null && collation.startsWith("utf8_")) {
            collation = "utf8mb3_" + collation.substring(5);
        }
    }

    /** The encoding, or null when neither part is named. */
    public static TextEncoding of(String charset, String collation) {
        return charset == null && collation == null ? null : new TextEncoding(charset, collation);
    }

    /** This encoding's parts where it names them, {@code base}'s elsewhere (a column's own over its table's). */
    public TextEncoding over(TextEncoding base) {
        if (base == null) {
            return this;
        }
        if (charset != null && !charset.equals(base.charset)) {
            return this; // another charset: its collation is that charset's, never the table's
        }
        return new TextEncoding(charset != null ? charset : base.charset, collation != null ? collation
                : base.collation);
    }

    private static String fold(String name) {
        if (name == null) {
            return null;
        }
        String n = name.replace("'", "").replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
        return n.equals("utf8") ? "utf8mb3" : n;
    }
}
