package dev.migrationstrategist.lint;

import java.util.Set;

/**
 * What a column type change can be when the column's current type is unknown (no State A): whether any common
 * source type reaches the target in place. PostgreSQL (LOCKS.md): varchar growth, varchar -> text and numeric
 * precision up keep the table; anything else rewrites it (int -> bigint, a USING conversion, another kind of
 * value). MySQL/MariaDB (LOCKS.md and lintrules' measurements in docs/measurements.md): VARCHAR growth within the
 * same length-prefix size is INSTANT/INPLACE, an ENUM/SET value appended at the end is INSTANT, a change to utf8mb4
 * from utf8mb3 is INSTANT; every other type change (INT -> BIGINT, TEXT -> MEDIUMTEXT, to another character set)
 * can only run as ALGORITHM=COPY.
 */
public final class TypeTargets {
    private static final Set<String> PG_IN_PLACE = Set.of("VARCHAR", "TEXT", "NUMERIC", "DECIMAL", "VARBIT", "CITEXT");
    private static final Set<String> MY_IN_PLACE = Set.of("VARCHAR", "ENUM", "SET");

    private TypeTargets() {
    }

    /**
     * True when the type written at token {@code at} (up to {@code end}) can be reached in place from a common
     * source type; false when no source reaches it without a rewrite/copy.
     */
    public static boolean inPlacePossible(SqlStatement s, int at, int end, boolean mysql) {
        String first = s.kw(at);
        String type = first.equals("CHARACTER") && s.kw(at + 1).equals("VARYING") ? "VARCHAR"
                : first.equals("BIT") && s.kw(at + 1).equals("VARYING") ? "VARBIT" : first;
        if (mysql) {
            if (!MY_IN_PLACE.contains(type)) {
                return false;
            }
            int cs = find(s, at, end, "CHARACTER", "SET");
            int charset = cs >= 0 ? cs + 2 : find(s, at, end, "CHARSET") >= 0 ? find(s, at, end, "CHARSET") + 1 : -1;
            if (charset >= 0 && charset < end && s.token(charset).isSymbol("=")) {
                charset++;
            }
            return charset < 0 || s.kw(charset).equals("UTF8MB4");
        }
        int using = find(s, at, end, "USING");
        if (using >= 0 && !trivialUsing(s, using, end)) {
            return false;
        }
        return PG_IN_PLACE.contains(type) && !(s.kw(at + 1).isEmpty() && at + 1 < end && s.token(at + 1).isSymbol("["));
    }

    /**
     * {@code USING col::type} or {@code USING CAST(col AS type)} of the altered column only: the same conversion as
     * without USING, so the target decides as before.
     */
    private static boolean trivialUsing(SqlStatement s, int using, int end) {
        int i = using + 1;
        if (s.kw(i).equals("CAST") && i + 1 < end && s.token(i + 1).isSymbol("(")) {
            int after = s.afterName(i + 2);
            return after < end && s.token(after).is("AS");
        }
        int after = s.afterName(i);
        return after + 1 < end && s.token(after).isSymbol(":") && s.token(after + 1).isSymbol(":");
    }

    static int find(SqlStatement s, int from, int to, String... keywords) {
        int i = s.find(from, keywords);
        return i >= 0 && i < to ? i : -1;
    }
}
