package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.plan.PlanContext;

import java.util.List;

/** PostgreSQL's plain {@code DROP INDEX} takes ACCESS EXCLUSIVE on the table: short, but it queues everyone. */
public final class DropIndexLocksTable implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext ctx) {
        if (!(change instanceof DropIndex drop) || drop.concurrently()
                || !ctx.dialect().name().equals("postgresql")) {
            return List.of();
        }
        String t = drop.table().name();
        String i = drop.name().name();
        return List.of(new Finding(id(), Severity.ERROR, t,
                "DROP INDEX " + i + " takes an ACCESS EXCLUSIVE lock on " + t + ": it runs in milliseconds, but"
                        + " while it waits behind any open transaction on " + t + ", every read and write of " + t
                        + " queues behind it.",
                "DROP INDEX CONCURRENTLY IF EXISTS " + i + ", outside a transaction: SHARE UPDATE EXCLUSIVE, reads"
                        + " and writes go on.", null));
    }
}
