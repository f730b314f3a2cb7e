package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * {@code CREATE TABLE new AS SELECT ... FROM existing}: the naive vertical split (or copy). The copy is a snapshot
 * that every write made after it misses, it reads the whole table in one long statement, and it is usually followed
 * by a {@code DROP COLUMN} that breaks the running app.
 */
public final class CreateTableAsSelect implements StatementRule {

    @Override
    public String summary() {
        return "CREATE TABLE ... AS SELECT from an existing table copies a snapshot that misses every later write";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String created = Shapes.createdTable(s);
        if (created == null || s.contains("TEMP") || s.contains("TEMPORARY")) {
            return List.of();
        }
        int select = s.find(0, "SELECT");
        int from = select < 0 ? -1 : s.find(select, "FROM");
        if (from < 0 || from + 1 >= s.size()) {
            return List.of();
        }
        String source = s.nameAt(from + 1);
        if (source == null || context.isNewTable(source)) {
            return List.of();
        }
        String lock = context.mysqlFamily()
                ? "it holds shared locks on the rows it reads of " + source + " (with statement-based binary logging)"
                + " for the whole copy, in one long transaction"
                : "it reads all of " + source + " in one long statement (one long transaction holding back vacuum)";
        return List.of(new Finding(id(), Severity.WARNING, source,
                "CREATE TABLE " + created + " AS SELECT ... FROM " + source + " copies a snapshot: every write the"
                        + " running app makes to " + source + " after it is missing from " + created + ", and " + lock
                        + ". Followed by DROP COLUMN on " + source + ", it breaks every app version still using"
                        + " the columns.",
                "Move the columns with expand/contract: strategist plan \"split table " + source + " columns ... into "
                        + created + "\" (new 1:1 table, two-way sync triggers, batched idempotent copy, verify"
                        + " query, then drop the old columns once no app version uses them).",
                null));
    }

}
