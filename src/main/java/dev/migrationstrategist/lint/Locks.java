package dev.migrationstrategist.lint;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;

/**
 * The lock a statement takes and what it blocks, per dialect, from the measurements in docs/LOCKS.md. Conservative
 * where the statement's effect depends on details the tokens do not show (a type change may or may not rewrite).
 */
public final class Locks {
    private Locks() {
    }

    public static Impact of(SqlStatement s, Dialect dialect) {
        return dialect instanceof MySqlDialect ? mysql(s) : postgres(s);
    }

    /**
     * What the statement takes when the server does it in place after all (a type change State A, or an earlier
     * file, shows is a widening): the same lock on PostgreSQL, without rewrite or scan; on MySQL/MariaDB the brief
     * exclusive metadata lock of an in-place ALTER instead of the copy's.
     */
    static Impact inPlace(SqlStatement s, Dialect dialect) {
        Impact measured = of(s, dialect);
        if (dialect instanceof MySqlDialect && measured.rewrite()) {
            return brief(on(s), false);
        }
        return new Impact(measured.lock(), measured.blocksReads(), measured.blocksWrites(), false, false);
    }

    /**
     * What the statement takes when a rule found that it rewrites or copies the table after all (a type change from
     * the type State A shows, a CHANGE no source reaches in place): on MySQL/MariaDB the copy's locks, on PostgreSQL
     * the same lock with rewrite and scan.
     */
    static Impact rewriting(SqlStatement s, Dialect dialect) {
        Impact measured = of(s, dialect);
        if (dialect instanceof MySqlDialect) {
            return copy(on(s));
        }
        return new Impact(measured.lock(), measured.blocksReads(), true, true, true);
    }

    /**
     * The lock the statement queues for before it runs, whatever it does once it holds it: on MySQL/MariaDB every
     * DDL waits for the exclusive metadata lock (an in-place ALTER and a copy alike), on PostgreSQL its one lock.
     */
    static String waitsFor(SqlStatement s, Dialect dialect) {
        if (dialect instanceof MySqlDialect) {
            return "an exclusive metadata lock" + on(s);
        }
        return of(s, dialect).lock();
    }

    private static Impact postgres(SqlStatement s) {
        String t = Shapes.table(s);
        String on = t == null ? "" : " on " + t;
        if (s.startsWith("ALTER", "TABLE")) {
            boolean notValid = s.contains("NOT", "VALID");
            if (s.contains("VALIDATE", "CONSTRAINT")) {
                return new Impact("SHARE UPDATE EXCLUSIVE" + on, false, false, false, true);
            }
            if (s.contains("REFERENCES") || s.contains("FOREIGN", "KEY")) {
                return new Impact("SHARE ROW EXCLUSIVE" + on + " and on the referenced table", false, true, false,
                        !notValid);
            }
            boolean scan = s.contains("SET", "NOT", "NULL") || (s.contains("CHECK") && !notValid)
                    || ((s.contains("UNIQUE") || s.contains("PRIMARY", "KEY")) && !s.contains("USING", "INDEX"));
            boolean rewrite = s.contains("TYPE") && s.contains("ALTER", "COLUMN") || s.contains("SET", "DATA", "TYPE")
                    || s.contains("SERIAL") || s.contains("BIGSERIAL") || s.contains("SMALLSERIAL")
                    || s.contains("GENERATED") && s.contains("IDENTITY") && s.contains("ADD");
            return new Impact("ACCESS EXCLUSIVE" + on, true, true, rewrite, scan || rewrite);
        }
        if (Shapes.isCreateIndex(s)) {
            return s.contains("CONCURRENTLY")
                    ? new Impact("SHARE UPDATE EXCLUSIVE" + on, false, false, false, true)
                    : new Impact("SHARE" + on, false, true, false, true);
        }
        if (s.startsWith("DROP", "INDEX")) {
            return s.contains("CONCURRENTLY")
                    ? new Impact("SHARE UPDATE EXCLUSIVE on the table", false, false, false, false)
                    : new Impact("ACCESS EXCLUSIVE on the table", true, true, false, false);
        }
        if (s.startsWith("REINDEX")) {
            return s.contains("CONCURRENTLY")
                    ? new Impact("SHARE UPDATE EXCLUSIVE" + on, false, false, false, true)
                    : new Impact("SHARE" + on + " and ACCESS EXCLUSIVE on the index", true, true, true, true);
        }
        if (s.startsWith("VACUUM") && s.contains("FULL") || s.startsWith("CLUSTER")) {
            return new Impact("ACCESS EXCLUSIVE" + on, true, true, true, true);
        }
        if (s.startsWith("TRUNCATE") || s.startsWith("DROP", "TABLE")) {
            return new Impact("ACCESS EXCLUSIVE" + on, true, true, false, false);
        }
        if (s.startsWith("ALTER", "TYPE")) {
            return new Impact("EXCLUSIVE on the type (no table lock)", false, false, false, false);
        }
        return Impact.NONE;
    }

    private static Impact mysql(SqlStatement s) {
        String on = on(s);
        boolean ddl = s.startsWith("ALTER", "TABLE") || Shapes.isCreateIndex(s) || s.startsWith("DROP", "INDEX")
                || s.startsWith("DROP", "TABLE") || s.startsWith("TRUNCATE") || s.startsWith("RENAME", "TABLE")
                || s.startsWith("OPTIMIZE", "TABLE");
        if (!ddl) {
            return Impact.NONE;
        }
        boolean copy = algorithm(s, "COPY") || s.contains("MODIFY") && !algorithm(s, "INSTANT")
                && !algorithm(s, "INPLACE") && !algorithm(s, "NOCOPY")
                || s.contains("AUTO_INCREMENT") && s.contains("ADD")
                || s.contains("FOREIGN", "KEY") && !algorithm(s, "INSTANT") && !algorithm(s, "INPLACE");
        if (copy || s.contains("CONVERT", "TO")) { // CONVERT: a copy unless State A shows the charset stays
            return copy(on);
        }
        if (rebuilds(s)) {
            return rebuild(on);
        }
        boolean build = Shapes.isCreateIndex(s) || s.contains("ADD", "INDEX") || s.contains("ADD", "UNIQUE")
                || s.contains("ADD", "KEY") || s.startsWith("OPTIMIZE");
        return brief(on, build);
    }

    /** " on TABLE", or nothing when the statement names no table. */
    private static String on(SqlStatement s) {
        String t = Shapes.table(s);
        return t == null ? "" : " on " + t;
    }

    /** MySQL/MariaDB: a table copy (ALGORITHM=COPY): writes wait for all of it. */
    private static Impact copy(String on) {
        return new Impact("exclusive metadata lock" + on + " to start and finish; shared lock during the copy",
                false, true, true, true);
    }

    /** {@code ENGINE=...} or {@code FORCE} as an ALTER TABLE clause: the table is rebuilt. */
    static boolean rebuilds(SqlStatement s) {
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (c.startsWith("ENGINE") || c.startsWith("FORCE") && c.to() == c.from() + 1) {
                return true;
            }
        }
        return false;
    }

    /** MySQL/MariaDB: an online rebuild (ALGORITHM=INPLACE, LOCK=NONE: ENGINE=InnoDB, FORCE). */
    static Impact rebuild(String on) {
        return new Impact("exclusive metadata lock" + on + " at the start and end (brief; queries queue behind it"
                + " while it waits); reads and writes go on while the table is rebuilt", true, true, true, true);
    }

    /** MySQL/MariaDB: an in-place or instant ALTER; {@code scan} when it builds an index. */
    private static Impact brief(String on, boolean scan) {
        return new Impact("exclusive metadata lock" + on + " (brief; queries queue behind it while it waits)",
                true, true, false, scan);
    }

    /** True when the statement names {@code ALGORITHM[=]value}. */
    static boolean algorithm(SqlStatement s, String value) {
        int i = s.find(0, "ALGORITHM");
        while (i >= 0) {
            int v = i + 1 < s.size() && s.token(i + 1).isSymbol("=") ? i + 2 : i + 1;
            if (s.kw(v).equals(value)) {
                return true;
            }
            i = s.find(i + 1, "ALGORITHM");
        }
        return false;
    }
}
