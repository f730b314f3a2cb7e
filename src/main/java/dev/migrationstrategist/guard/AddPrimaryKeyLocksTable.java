package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/**
 * PostgreSQL's {@code ADD PRIMARY KEY (cols)} builds its index, and scans for NULLs, under ACCESS EXCLUSIVE.
 */
public final class AddPrimaryKeyLocksTable implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof AddPrimaryKey pk) || !ctx.isLarge(pk.table())
                || !ctx.dialect().name().equals("postgresql")) {
            return List.of();
        }
        String t = pk.table().name();
        String cols = String.join(", ", pk.columns().stream().map(c -> c.name()).toList());
        String name = pk.name() == null ? t + "_pkey" : pk.name().name();
        return List.of(new Finding(id(), Severity.ERROR, t,
                "ALTER TABLE " + t + " ADD PRIMARY KEY (" + cols + ") takes an ACCESS EXCLUSIVE lock on " + t
                        + " and holds it while it checks for NULLs and builds the index: reads and writes on " + t
                        + " wait for all of it.",
                "Make " + cols + " NOT NULL by the CHECK route (NOT VALID, VALIDATE, SET NOT NULL), CREATE UNIQUE"
                        + " INDEX CONCURRENTLY " + name + " ON " + t + " (" + cols + "), then ALTER TABLE " + t
                        + " ADD CONSTRAINT " + name + " PRIMARY KEY USING INDEX " + name + " (this plan's steps)"
                        + (ctx.dialect().version().atLeast(12) ? "." : "; before PostgreSQL 12 the SET NOT NULL still"
                        + " scans under ACCESS EXCLUSIVE (see add-primary-key-scan)."),
                null));
    }
}
