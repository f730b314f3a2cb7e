package dev.migrationstrategist.schema;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import java.util.regex.Pattern;

/** Names of the helper objects a plan creates (triggers, functions, constraints, indexes), within 63 characters. */
public final class Names {
    /** PostgreSQL's NAMEDATALEN - 1; MySQL allows 64. The shorter bound works for both. */
    public static final int MAX = 63;

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
        Ident after = afterColumnRename(object, from, to);
        return after.name().equals(object.name()) ? Ident.of(fit(object.name() + "_" + to.name())) : after;
    }

    /**
     * The name an object keeps once its column is renamed and the old object is gone: the old column name replaced
     * where it appears as a word of the name ({@code users_name_idx} → {@code users_full_name_idx}), else the name
     * unchanged ({@code users_lookup} stays {@code users_lookup}).
     */
    public static Ident afterColumnRename(Ident object, Ident from, Ident to) {
        String name = object.name();
        String replaced = Pattern.compile("(?<=^|_)" + Pattern.quote(from.name()) + "(?=_|$)")
                .matcher(name).replaceAll(java.util.regex.Matcher.quoteReplacement(to.name()));
        return replaced.equals(name) ? object : Ident.of(fit(replaced));
    }

    /** PostgreSQL's default name for a constraint or index on several columns: {@code t_a_b_key}. */
    public static Ident constraint(Ident table, java.util.List<Ident> columns, String suffix) {
        return Ident.of(fit(table.name() + "_" + String.join("_", columns.stream().map(Ident::name).toList()) + "_"
                + suffix));
    }

    public static Ident primaryKey(Ident table) {
        return Ident.of(fit(table.name() + "_pkey"));
    }

    /** Where a table is renamed aside before it is dropped: {@code users_to_drop}. */
    public static Ident aside(Ident table) {
        return Ident.of(fit(table.name() + "_to_drop"));
    }

    /** The columns of {@code table} that an expression names, in table order. */
    public static java.util.List<Ident> columnsIn(String expression, dev.migrationstrategist.schema.Table table) {
        return table.columns().stream().map(c -> c.name()).filter(c -> mentions(expression, c.name())).toList();
    }

    /**
     * True when {@code name} occurs in {@code expression} as a whole word (not next to a letter, digit, {@code _} or
     * {@code $}; quotes around it allowed), ignoring ASCII case: what the regular expression
     * {@code (?i)(?<![\w$])["`]?NAME["`]?(?![\w$])} finds, without compiling one per column of every check.
     */
    static boolean mentions(String expression, String name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i + n <= expression.length(); i++) {
            if (sameIgnoringAsciiCase(expression, i, name)
                    && (i == 0 || !wordChar(expression.charAt(i - 1)))
                    && (i + n == expression.length() || !wordChar(expression.charAt(i + n)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameIgnoringAsciiCase(String text, int at, String name) {
        for (int k = 0; k < name.length(); k++) {
            char a = text.charAt(at + k);
            char b = name.charAt(k);
            if (a != b && !(a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b))) {
                return false;
            }
        }
        return true;
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    /** True when an index (or the primary key / a unique constraint) starts with exactly these columns. */
    public static boolean indexedBy(Table table, java.util.List<Ident> columns) {
        return table.indexes().stream().anyMatch(i -> startsWith(i.columns(), columns))
                || table.constraints().stream().anyMatch(c -> (c instanceof Constraint.PrimaryKey
                || c instanceof Constraint.Unique) && startsWith(c.columns(), columns));
    }

    /** True when {@code index} starts with exactly {@code columns}, in order. */
    public static boolean startsWith(java.util.List<Ident> index, java.util.List<Ident> columns) {
        if (index.size() < columns.size()) {
            return false;
        }
        for (int k = 0; k < columns.size(); k++) {
            if (!index.get(k).sameAs(columns.get(k))) {
                return false;
            }
        }
        return true;
    }

    public static String fit(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode() & 0xfffffff);
        return name.substring(0, MAX - hash.length() - 1) + "_" + hash;
    }
}
