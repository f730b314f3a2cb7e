package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The token form of the guard rule of the same id, for the renames the plan's SQL reader does not read: MySQL's
 * {@code CHANGE [COLUMN] old new type ...} (a rename, with or without a type change) and every {@code RENAME COLUMN}
 * of an ALTER that renames several columns. A rename breaks every running app version that still uses the old
 * name (LOCKS.md: fast, but breaks running code).
 */
public final class RenameColumnInUse implements StatementRule {

    @Override
    public String summary() {
        return "renaming a column (RENAME COLUMN, MySQL CHANGE old new) breaks the running app that uses the old name";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || context.harmlessTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Clauses.Clause c : Clauses.of(s).all()) {
            String from;
            String to;
            if (c.startsWith("CHANGE") && context.mysqlFamily()) {
                int old = s.skip(c.from() + 1, "COLUMN");
                from = s.nameAt(old);
                to = s.nameAt(s.afterName(old));
            } else if (c.startsWith("RENAME") && !s.matchesAt(c.from() + 1, "TO") && !s.matchesAt(c.from() + 1, "AS")
                    && !s.matchesAt(c.from() + 1, "INDEX") && !s.matchesAt(c.from() + 1, "KEY")
                    && !s.matchesAt(c.from() + 1, "CONSTRAINT")) {
                int old = s.skip(c.from() + 1, "COLUMN");
                from = s.nameAt(old);
                int toAt = s.afterName(old);
                to = s.matchesAt(toAt, "TO") ? s.nameAt(toAt + 1) : null;
            } else {
                continue;
            }
            if (from == null || to == null || from.equalsIgnoreCase(to)) {
                continue;
            }
            out.add(new Finding(id(), Severity.ERROR, table,
                    (c.startsWith("CHANGE") ? "CHANGE " + from + " " + to + " renames " : "RENAME COLUMN renames ")
                            + table + "." + from + " to " + to + ": every query of the running app that names " + from
                            + " fails the moment it commits" + (c.startsWith("CHANGE") ? " (and a type change in the"
                            + " same CHANGE copies the table)" : "") + ".",
                    "Expand/contract: add " + to + ", keep both in sync with a trigger, backfill, release code that"
                            + " uses " + to + ", then drop " + from + ": strategist plan \"rename column " + table + "."
                            + from + " to " + to + "\".", null));
        }
        return out;
    }
}
