package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import java.util.regex.Pattern;

/** Names of the helper objects a plan creates (triggers, functions, constraints, indexes), within 63 characters. */
public final class Names {
    /** PostgreSQL's NAMEDATALEN - 1; MySQL allows 64. The shorter bound works for both. */
    static final int MAX = 63;

    private Names() {
    }

    public static Ident syncTrigger(Ident table, Ident from, Ident to) {
        return Ident.of(fit(table.name() + "_sync_" + from.name() + "_" + to.name()));
    }

    public static Ident constraint(Ident table, Ident column, String suffix) {
        return Ident.of(fit(table.name() + "_" + column.name() + "_" + suffix));
    }

    /**
     * The name an index gets when its column is renamed: the old column name replaced where it appears as a
     * word of the index name ({@code users_name_idx} → {@code users_full_name_idx}), else the new column appended.
     */
    public static Ident indexForRenamedColumn(Index index, Ident from, Ident to) {
        return forRenamedColumn(index.name(), from, to);
    }

    /** The same rule for any object named after a column (a unique or foreign-key constraint). */
    public static Ident forRenamedColumn(Ident object, Ident from, Ident to) {
        String name = object.name();
        String replaced = Pattern.compile("(?<=^|_)" + Pattern.quote(from.name()) + "(?=_|$)")
                .matcher(name).replaceAll(java.util.regex.Matcher.quoteReplacement(to.name()));
        return Ident.of(fit(replaced.equals(name) ? name + "_" + to.name() : replaced));
    }

    static String fit(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode() & 0xfffffff);
        return name.substring(0, MAX - hash.length() - 1) + "_" + hash;
    }
}
