package dev.migrationstrategist.lint;

import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * MySQL/MariaDB {@code CONVERT TO CHARACTER SET x [COLLATE y]} and {@code MODIFY / CHANGE c <same type> CHARACTER
 * SET x [COLLATE y]}, judged against the encoding State A knows for the table and its text columns ({@link
 * Charsets}, measured on MariaDB 10.11): a real charset change of text columns is a copy (error); the same charset
 * and collation is a no-op and another collation of the same charset INSTANT or NOCOPY (a note, or a warning when
 * indexes are rebuilt). Without State A, CONVERT TO is an error that --schema / --db decides. A type change with a
 * charset is left to the type-change rules when State A shows it is a copy or does not know the column.
 */
public final class CharsetChange implements StatementRule {

    @Override
    public String summary() {
        return "MySQL/MariaDB CONVERT TO CHARACTER SET / MODIFY ... CHARACTER SET: a copy when the charset of text"
                + " columns really changes, in place when State A shows the same charset (--schema / --db decides)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredLiveMySqlTable(s, context);
        if (table == null) {
            return List.of();
        }
        MySqlDialect dialect = (MySqlDialect) context.dialect();
        Table state = context.stateTable(table).orElse(null);
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            if (c.startsWith("CONVERT", "TO")) {
                out.add(convert(s, c, table, state, dialect));
            } else if (state != null && (c.startsWith("MODIFY") || c.startsWith("CHANGE"))) {
                Finding f = modify(s, c, table, state, dialect);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private Finding convert(SqlStatement s, Clauses.Clause c, String table, Table state, MySqlDialect dialect) {
        String charset = Charsets.charsetIn(s, c.from(), c.to());
        String collation = Charsets.collationIn(s, c.from(), c.to());
        String what = c.text();
        List<String> copied = new ArrayList<>();
        List<String> reindexed = new ArrayList<>();
        List<String> collated = new ArrayList<>();
        boolean unknown = state == null;
        for (Column col : state == null ? List.<Column>of() : state.columns()) {
            if (!Charsets.isText(col.type())) {
                continue;
            }
            Charsets.Verdict v = Charsets.compare(Charsets.of(state, col), charset, collation, dialect);
            String name = col.name().name();
            switch (v) {
                case UNKNOWN -> unknown = true;
                case OTHER -> copied.add(name);
                case UTF8MB4, UTF8MB4_COLLATION -> {
                    switch (Charsets.widening(v, state, col, dialect, true)) {
                        case COPY -> copied.add(name + " (" + col.type().text() + ")");
                        case NOCOPY -> reindexed.add(name);
                        case INSTANT -> {
                        }
                    }
                }
                case COLLATION -> {
                    if (!state.indexesOn(col.name()).isEmpty()) {
                        reindexed.add(name);
                    } else {
                        collated.add(name);
                    }
                }
                case SAME -> {
                }
            }
        }
        if (state != null && state.encoding() == null && state.columns().stream()
                .noneMatch(col -> Charsets.isText(col.type()))) {
            unknown = false; // no text column: only the table's default changes, in the catalog
        }
        if (unknown && copied.isEmpty()) {
            return new Finding(id(), Severity.ERROR, table,
                    what + " converts every text column of " + table + ", and lint does not know their character"
                            + " set now (--schema / --db decides; a CREATE TABLE with DEFAULT CHARSET in an earlier"
                            + " file says it too). Measured on MariaDB 10.11: to another character set the server"
                            + " can only copy the table (INSTANT, NOCOPY and INPLACE refused with 'Cannot change"
                            + " column type'; TEXT columns become MEDIUMTEXT), writes waiting for the copy (LOCKS.md:"
                            + " 14 s per million rows); to the charset and collation the table already has, nothing"
                            + " changes (INSTANT); to another collation of it, INSTANT or NOCOPY (indexes rebuilt).",
                    "Lint with --schema FILE or --db URL so the table's charset decides it; for a real conversion use"
                            + " gh-ost / pt-online-schema-change, or convert column by column (MODIFY c VARCHAR(n)"
                            + " CHARACTER SET utf8mb4, ALGORITHM=INSTANT is INSTANT on MariaDB from utf8mb3).", null);
        }
        if (!copied.isEmpty()) {
            return new Finding(id(), Severity.ERROR, table,
                    what + " changes the character set of " + String.join(", ", copied) + " in " + table
                            + " (State A: " + describe(state) + "): measured on MariaDB 10.11, INSTANT, NOCOPY and"
                            + " INPLACE are refused with 'Cannot change column type', so the table is copied while"
                            + " writes wait (LOCKS.md: 14 s per million rows).",
                    "Run it with gh-ost / pt-online-schema-change, or plan the columns one by one (a new column of the"
                            + " target charset, a sync trigger, a batched backfill, a swap).", null);
        }
        if (!reindexed.isEmpty()) {
            return new Finding(id(), Severity.WARNING, table,
                    what + " keeps the character set of " + table + " (State A: " + describe(state) + ") and"
                            + " changes the collation of indexed columns " + String.join(", ", reindexed) + ":"
                            + " measured on MariaDB 10.11, INSTANT is refused and ALGORITHM=NOCOPY (and INPLACE,"
                            + " LOCK=NONE) accepted: their indexes are rebuilt while reads and writes go on.",
                    "Name the algorithm so the server refuses rather than copies: add ALGORITHM=NOCOPY (MariaDB) or"
                            + " ALGORITHM=INPLACE, LOCK=NONE; unique indexes are checked again under the new"
                            + " collation.", null);
        }
        return new Finding(id(), Severity.INFO, table,
                what + (collated.isEmpty() ? " changes nothing in " + table + ": its text columns already have that encoding"
                        : " only changes the collation of unindexed columns " + String.join(", ", collated)
                        + " of " + table + ", from") + " (State A: " + describe(state) + "). Measured on MariaDB"
                        + " 10.11: ALGORITHM=INSTANT accepted" + (s.contains("ENGINE") || s.contains("FORCE")
                        ? "; the ENGINE= / FORCE in the same statement still rebuilds the table (table-rebuild)"
                        : "") + ".",
                "Nothing to do; drop the clause if it restates the table as it is.", null);
    }

    private Finding modify(SqlStatement s, Clauses.Clause c, String table, Table state, MySqlDialect dialect) {
        int col = s.skip(c.from() + 1, "COLUMN");
        int type = c.startsWith("CHANGE") ? s.afterName(s.afterName(col)) : s.afterName(col);
        String name = s.nameAt(col);
        String charset = Charsets.charsetIn(s, type, c.to());
        String collation = Charsets.collationIn(s, type, c.to());
        if (name == null || charset == null && collation == null) {
            return null;
        }
        Column column = state.columns().stream().filter(x -> x.name().name().equalsIgnoreCase(name)).findFirst()
                .orElse(null);
        if (column == null || !Charsets.isText(column.type())) {
            return null;
        }
        Charsets.Verdict v = Charsets.compare(Charsets.of(state, column), charset, collation, dialect);
        String what = s.kw(c.from()) + " " + name + " ... " + (charset != null ? "CHARACTER SET " + charset : "")
                + (collation != null ? (charset != null ? " " : "") + "COLLATE " + collation : "");
        String now = "State A: " + table + "." + name + " is " + column.type().text() + " " + encoding(state, column);
        return switch (v) {
            case SAME -> new Finding(id(), Severity.INFO, table, what + " restates the encoding " + table + "." + name
                    + " has (" + now + "): measured on MariaDB 10.11, ALGORITHM=INSTANT accepted.",
                    "Nothing to do.", null);
            case COLLATION -> state.indexesOn(column.name()).isEmpty()
                    ? new Finding(id(), Severity.INFO, table, what + " changes only the collation of unindexed "
                    + table + "." + name + " (" + now + "): measured on MariaDB 10.11, ALGORITHM=INSTANT accepted.",
                    "Nothing to do.", null)
                    : new Finding(id(), Severity.WARNING, table, what + " changes the collation of indexed " + table
                    + "." + name + " (" + now + "): measured on MariaDB 10.11, INSTANT refused, ALGORITHM=NOCOPY"
                    + " accepted: its indexes are rebuilt while reads and writes go on.",
                    "Add ALGORITHM=NOCOPY (or INPLACE, LOCK=NONE) so the server refuses rather than copies.", null);
            case UTF8MB4, UTF8MB4_COLLATION -> switch (Charsets.widening(v, state, column, dialect, false)) {
                case INSTANT -> new Finding(id(), Severity.INFO, table, what + " widens " + table + "." + name
                        + " from utf8mb3 to utf8mb4 (" + now + "): measured on MariaDB 10.11, ALGORITHM=INSTANT"
                        + " accepted (CHAR, VARCHAR indexed or not, TEXT without an index).",
                        "Add ALGORITHM=INSTANT so the server refuses rather than copies.", null);
                case NOCOPY -> new Finding(id(), Severity.WARNING, table, what + " widens indexed " + table + "."
                        + name + " from utf8mb3 to utf8mb4 in another collation family (" + now + "): measured on"
                        + " MariaDB 10.11, INSTANT refused, ALGORITHM=NOCOPY accepted: its indexes are rebuilt"
                        + " while reads and writes go on.",
                        "Add ALGORITHM=NOCOPY so the server refuses rather than copies; keep the collation family"
                                + " (utf8mb3_general_ci -> utf8mb4_general_ci) and it is INSTANT.", null);
                case COPY -> null; // an indexed TEXT, or MySQL (not measured): the type-change rules say copy
            };
            case OTHER, UNKNOWN -> null; // a copy (the type-change rules say so) or unknown (the same)
        };
    }

    private static String describe(Table t) {
        if (t == null) {
            return "unknown";
        }
        return t.encoding() == null ? "table charset not known" : "DEFAULT CHARSET=" + t.encoding().charset()
                + (t.encoding().collation() != null ? " COLLATE=" + t.encoding().collation() : "");
    }

    private static String encoding(Table t, Column c) {
        var e = Charsets.of(t, c);
        return e == null ? "(charset not known)" : "CHARACTER SET " + e.charset()
                + (e.collation() != null ? " COLLATE " + e.collation() : "");
    }
}
