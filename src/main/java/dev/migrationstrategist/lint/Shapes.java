package dev.migrationstrategist.lint;

/** What a statement is about, read from its tokens: the table it touches and the kind of statement. */
public final class Shapes {
    private Shapes() {
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] t ...}: the table, else null. */
    public static String alteredTable(SqlStatement s) {
        if (!s.startsWith("ALTER", "TABLE")) {
            return null;
        }
        int i = s.skip(2, "IF", "EXISTS", "ONLY");
        return s.nameAt(i);
    }

    /**
     * The table of an {@code ALTER TABLE} on MySQL/MariaDB that the run treats as live (not created in the same file
     * nor told new), else null: the statements the MySQL-only table rules judge.
     */
    public static String alteredLiveMySqlTable(SqlStatement s, LintContext context) {
        if (!context.mysqlFamily()) {
            return null;
        }
        String table = alteredTable(s);
        return table == null || context.harmlessTable(table) ? null : table;
    }

    /** Index of the first token after {@code ALTER TABLE name}, or -1. */
    public static int afterAlteredTable(SqlStatement s) {
        if (!s.startsWith("ALTER", "TABLE")) {
            return -1;
        }
        return s.afterName(s.skip(2, "IF", "EXISTS", "ONLY"));
    }

    /** {@code CREATE [temp|unlogged] TABLE [IF NOT EXISTS] t}: the new table, else null. */
    public static String createdTable(SqlStatement s) {
        if (!s.startsWith("CREATE")) {
            return null;
        }
        int i = s.skip(1, "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED");
        if (!s.token(Math.min(i, s.size() - 1)).is("TABLE") || i >= s.size()) {
            return null;
        }
        return s.nameAt(s.skip(i + 1, "IF", "NOT", "EXISTS"));
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t}: the table, else null. */
    public static String indexedTable(SqlStatement s) {
        if (!isCreateIndex(s)) {
            return null;
        }
        int on = s.find(2, "ON");
        return on < 0 ? null : s.nameAt(s.skip(on + 1, "ONLY"));
    }

    /** The index name of a CREATE INDEX, or null when the server names it. */
    public static String createdIndex(SqlStatement s) {
        if (!isCreateIndex(s)) {
            return null;
        }
        int i = s.skip(s.find(0, "INDEX") + 1, "CONCURRENTLY", "IF", "NOT", "EXISTS");
        return i < s.size() && !s.token(i).is("ON") ? s.nameAt(i) : null;
    }

    public static boolean isCreateIndex(SqlStatement s) {
        return s.startsWith("CREATE", "INDEX") || s.startsWith("CREATE", "UNIQUE", "INDEX")
                || s.startsWith("CREATE", "FULLTEXT", "INDEX") || s.startsWith("CREATE", "SPATIAL", "INDEX");
    }

    /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [ON t]}: the index name, else null. */
    public static String droppedIndex(SqlStatement s) {
        if (!s.startsWith("DROP", "INDEX")) {
            return null;
        }
        return s.nameAt(s.skip(2, "CONCURRENTLY", "IF", "EXISTS"));
    }

    /** The table a statement locks, when it names one: ALTER, CREATE INDEX, TRUNCATE, VACUUM, CLUSTER, DROP. */
    public static String table(SqlStatement s) {
        String t = alteredTable(s);
        if (t != null) {
            return t;
        }
        t = indexedTable(s);
        if (t != null) {
            return t;
        }
        if (s.startsWith("DROP", "INDEX")) {
            int on = s.find(2, "ON");
            return on < 0 ? null : s.nameAt(on + 1);
        }
        if (s.startsWith("TRUNCATE")) {
            return s.nameAt(s.skip(1, "TABLE", "ONLY"));
        }
        if (s.startsWith("DROP", "TABLE")) {
            return s.nameAt(s.skip(2, "IF", "EXISTS"));
        }
        if (s.startsWith("VACUUM")) {
            int i = s.skip(1, "FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE");
            if (i < s.size() && s.token(i).isSymbol("(")) {
                while (i < s.size() && !s.token(i).isSymbol(")")) {
                    i++;
                }
                i++;
            }
            return s.nameAt(i);
        }
        if (s.startsWith("CLUSTER")) {
            return s.nameAt(s.skip(1, "VERBOSE"));
        }
        if (s.startsWith("RENAME", "TABLE")) {
            return s.nameAt(2);
        }
        if (s.startsWith("OPTIMIZE", "TABLE")) {
            return s.nameAt(2);
        }
        return null;
    }
}
