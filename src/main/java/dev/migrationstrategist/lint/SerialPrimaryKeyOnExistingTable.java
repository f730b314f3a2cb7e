package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Set;

/**
 * Adding a serial, identity or AUTO_INCREMENT column (usually the new primary key) to an existing table fills every
 * row with a number in one statement: a full rewrite (PostgreSQL) or table rebuild (MySQL/MariaDB) under lock.
 */
public final class SerialPrimaryKeyOnExistingTable implements StatementRule {
    private static final Set<String> SERIALS = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4",
            "SERIAL8");

    @Override
    public String summary() {
        return "a serial/identity/AUTO_INCREMENT column added to an existing table rewrites every row under lock";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        int add = s.find(Shapes.afterAlteredTable(s), "ADD");
        while (add >= 0) {
            int col = s.skip(add + 1, "COLUMN", "IF", "NOT", "EXISTS");
            int next = s.find(add + 1, "ADD");
            int end = next < 0 ? s.size() : next;
            if (col < end && !s.token(col).is("CONSTRAINT") && !s.token(col).is("PRIMARY")) {
                String column = s.nameAt(col);
                String type = s.kw(col + 1);
                boolean serial = SERIALS.contains(type);
                boolean identity = has(s, col, end, "IDENTITY") || has(s, col, end, "AUTO_INCREMENT");
                if (column != null && (serial || identity)) {
                    return List.of(finding(context, table, column, serial ? type : (context.mysqlFamily()
                            ? "AUTO_INCREMENT" : "IDENTITY")));
                }
            }
            add = next;
        }
        return List.of();
    }

    private Finding finding(LintContext context, String table, String column, String what) {
        String t = context.dialect().quote(Ident.of(table));
        String c = context.dialect().quote(Ident.of(column));
        if (context.mysqlFamily()) {
            return new Finding(id(), Severity.ERROR, table,
                    "Adding the " + what + " column " + column + " to the existing table " + table + " numbers every"
                            + " row in one statement: the table is rebuilt and concurrent writes are not allowed"
                            + " (ALGORITHM=INSTANT and LOCK=NONE are refused for it).",
                    "Run it with an online schema-change tool that copies in the background (gh-ost --alter \"ADD"
                            + " COLUMN " + column + " BIGINT NOT NULL AUTO_INCREMENT ...\", or pt-online-schema-change),"
                            + " or create the new table with the key and move the rows in batches.",
                    null);
        }
        String seq = context.dialect().quote(Ident.of(table + "_" + column + "_seq"));
        String idx = context.dialect().quote(Ident.of(table + "_" + column + "_key"));
        return new Finding(id(), Severity.ERROR, table,
                "Adding the " + what + " column " + column + " to the existing table " + table + " writes a number"
                        + " into every row: a full table rewrite under an ACCESS EXCLUSIVE lock (no reads, no"
                        + " writes), plus the primary-key index build if it is one.",
                "Add it in steps that never rewrite: ALTER TABLE " + t + " ADD COLUMN " + c + " bigint; CREATE"
                        + " SEQUENCE " + seq + " OWNED BY " + t + "." + c + "; ALTER TABLE " + t + " ALTER COLUMN " + c
                        + " SET DEFAULT nextval('" + table + "_" + column + "_seq'); then fill the existing rows in"
                        + " batches (UPDATE " + t + " SET " + c + " = nextval(...) WHERE ... LIMIT-sized key ranges);"
                        + " CREATE UNIQUE INDEX CONCURRENTLY " + idx + " ON " + t + " (" + c + "); ALTER TABLE " + t
                        + " ADD CONSTRAINT ... CHECK (" + c + " IS NOT NULL) NOT VALID; VALIDATE it; then ALTER"
                        + " TABLE " + t + " ADD PRIMARY KEY USING INDEX " + idx + ".",
                null);
    }

    private static boolean has(SqlStatement s, int from, int to, String keyword) {
        int i = s.find(from, keyword);
        return i >= 0 && i < to;
    }
}
