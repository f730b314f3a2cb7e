package dev.migrationstrategist.db;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the plan's verification gates against the live database at planning time, read-only, so the plan can say
 * with numbers what would stop it: rows that would not fit a narrowed type, NULLs before SET NOT NULL,
 * duplicates before UNIQUE, orphans before a foreign key, rows that break a CHECK. A gate on objects that an
 * earlier step creates cannot run yet and is skipped; apply runs every gate again before its step.
 */
public final class Prechecks {
    private Prechecks() {
    }

    public static List<Finding> run(Database database, Plan plan) {
        List<Finding> out = new ArrayList<>();
        try (Connection c = database.connect()) {
            c.setReadOnly(true);
            for (Step step : plan.steps()) {
                if (step instanceof SchemaStep s && s.verifySql() != null) {
                    Long found = count(c, s.verifySql());
                    if (found != null && found > 0) {
                        out.add(new Finding("precheck-rows", Severity.ERROR, s.targetTable(),
                                "on the live database `" + s.verifySql() + "` returns "
                                        + NumberFormat.getIntegerInstance(Locale.US).format(found)
                                        + ": step " + s.number() + " (" + s.title() + ") cannot pass its verification,"
                                        + " and apply will stop there without running it.",
                                "Fix those rows before the step (update, delete or backfill them), then run the query"
                                        + " again: it must return 0.",
                                "live database"));
                    }
                }
            }
        } catch (SQLException e) {
            // connecting worked when State A was read; a failure here only loses the pre-checks
        }
        return out;
    }

    private static Long count(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        } catch (SQLException e) {
            return null; // refers to something an earlier step creates
        }
    }
}
