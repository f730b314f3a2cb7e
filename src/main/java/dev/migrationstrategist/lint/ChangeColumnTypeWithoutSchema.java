package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * A column type change ({@code ALTER COLUMN c [SET DATA] TYPE t}, MySQL's {@code MODIFY c t} / {@code CHANGE old
 * new t}) on an existing table whose current type lint does not know (no {@code --schema} / {@code --db}, or the
 * column is not in it). It is judged by what it can be ({@link TypeTargets}): an error when no common source type
 * reaches the target in place (to bigint, to another kind of value, a USING conversion, to another character
 * set; {@code CONVERT TO CHARACTER SET} is {@link CharsetChange}'s), a warning when an in-place widening is possible (varchar growth, numeric precision up). With State A the
 * guard rules decide from the real source type and this rule says nothing.
 */
public final class ChangeColumnTypeWithoutSchema implements StatementRule {

    @Override
    public String summary() {
        return "a column type change whose source type is unknown: an error when no source reaches the target in"
                + " place, a warning when a widening is possible (--schema / --db decides)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        boolean mysql = context.mysqlFamily();
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int col;
            int type;
            if (c.startsWith("ALTER")) {
                col = s.skip(c.from() + 1, "COLUMN");
                int after = s.afterName(col);
                int t = s.matchesAt(after, "SET", "DATA", "TYPE") ? after + 3 : s.matchesAt(after, "TYPE") ? after + 1
                        : -1;
                if (t < 0) {
                    continue;
                }
                type = t;
            } else if (mysql && c.startsWith("MODIFY")) {
                col = s.skip(c.from() + 1, "COLUMN");
                type = s.afterName(col);
            } else if (mysql && c.startsWith("CHANGE")) {
                int old = s.skip(c.from() + 1, "COLUMN");
                col = old;
                type = s.afterName(s.afterName(old));
            } else {
                continue;
            }
            String column = s.nameAt(col);
            if (column == null || type >= c.to() || context.knowsColumn(table, column)) {
                continue;
            }
            String target = typeText(s, type, c.to());
            boolean widening = TypeTargets.inPlacePossible(s, type, c.to(), mysql);
            String clause = c.startsWith("ALTER") ? "ALTER COLUMN " + column + " TYPE " + target
                    : s.kw(c.from()) + " " + column + " " + target;
            String renamedTo = c.startsWith("CHANGE") ? s.nameAt(s.afterName(col)) : null;
            if (renamedTo != null && !renamedTo.equalsIgnoreCase(column)) {
                // CHANGE old new <definition> is how MySQL before 8.0 renames: usually the type it already has
                out.add(new Finding(id(), Severity.WARNING, table,
                        "CHANGE " + column + " " + renamedTo + " " + target + " renames " + table + "." + column
                                + " (rename-column-in-use judges that); lint does not know its current type: if it"
                                + " is " + target + " already, only the name changes, in place; from any other type"
                                + " the server copies the table (ALGORITHM=COPY, writes wait).",
                        "Lint with --schema FILE or --db URL so the source type decides it; rename with RENAME COLUMN"
                                + " (MySQL 8.0, MariaDB 10.5) so the statement says only what it does.", null));
                continue;
            }
            if (widening) {
                out.add(new Finding(id(), Severity.WARNING, table,
                        clause + ": lint does not know the current type of " + table + "." + column + ". Growing it"
                                + " (" + (mysql ? "VARCHAR within the same length-prefix size, an ENUM value at the end"
                                + ", utf8mb3 -> utf8mb4" : "varchar(n) -> varchar(m > n) or text, numeric precision up")
                                + ") is done in place; any other source " + (mysql ? "is copied (ALGORITHM=COPY,"
                                + " writes wait)" : "rewrites the table under ACCESS EXCLUSIVE") + ".",
                        "Lint with --schema FILE or --db URL so the source type decides it; if it is not a widening,"
                                + " plan it: strategist plan --sql \"...\".", null));
            } else {
                out.add(new Finding(id(), Severity.ERROR, table,
                        clause + ": no common source type reaches " + target + " in place"
                                + (mysql ? ": the server can only run it as ALGORITHM=COPY (measured: INSTANT,"
                                + " NOCOPY and INPLACE refused with 'Cannot change column type'), copying " + table
                                + " while writes wait" : ": " + table + " and all its indexes are rewritten under"
                                + " ACCESS EXCLUSIVE (measured for int -> bigint and USING conversions), reads and"
                                + " writes wait") + ". --schema / --db would show the current type.",
                        "Add a new column of the target type, keep it in sync with a trigger, backfill it in batches,"
                                + " swap the names in one short transaction and drop the old column later (strategist"
                                + " plan \"change type of " + table + "." + column + " to " + target + "\")"
                                + (mysql ? "; or run it with gh-ost / pt-online-schema-change." : "."), null));
            }
        }
        return out;
    }

    private static String typeText(SqlStatement s, int from, int to) {
        StringBuilder sb = new StringBuilder(s.token(from).text());
        int depth = 0;
        for (int i = from + 1; i < to; i++) {
            Token t = s.token(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                sb.append(")");
                if (depth == 0) {
                    break;
                }
                continue;
            } else if (depth == 0 && !(s.kw(i).equals("VARYING") || s.kw(i).equals("PRECISION"))) {
                break;
            }
            sb.append(t.isSymbol("(") || t.isSymbol(",") || sb.charAt(sb.length() - 1) == '(' ? "" : " ")
                    .append(t.text());
        }
        return sb.toString();
    }
}
