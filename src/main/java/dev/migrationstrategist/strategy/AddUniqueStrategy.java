package dev.migrationstrategist.strategy;

import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.Rendered;

import java.util.List;

/**
 * Make columns unique after any backfill. PostgreSQL: {@code CREATE UNIQUE INDEX CONCURRENTLY} (outside a
 * transaction), then {@code ADD CONSTRAINT ... UNIQUE USING INDEX} (milliseconds): the plain {@code ADD CONSTRAINT
 * UNIQUE} holds ACCESS EXCLUSIVE, blocking reads too, for the whole index build. MySQL/MariaDB:
 * {@code ADD UNIQUE INDEX ... ALGORITHM=INPLACE, LOCK=NONE}. A duplicate count gates both.
 */
public final class AddUniqueStrategy implements ChangeStrategy {
    private final AddUnique change;

    public AddUniqueStrategy(AddUnique change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        ctx.requireTable(change.table());
        ObjectChecks.requireColumns(ctx, change.table(), change.columns());
        ObjectChecks.requireFreeName(ctx, change.table(), change.name(), "add unique " + change.name());
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Ident t = ctx.requireTable(change.table()).name();
        Ident u = change.name();
        String tn = t.name();
        Index index = new Index(u, t, change.columns(), true, null, null, true);
        String verify = Verify.duplicates(sql, t, change.columns());
        String cols = String.join(", ", change.columns().stream().map(Ident::name).toList());
        String state = "unique `" + u + "` on `" + tn + "` (" + cols + ")";
        Contribution.Builder out = Contribution.builder();
        if (!sql.dialect().uniqueIsConstraint()) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_unique_index", tn, u.name(),
                    List.of("Build unique index `" + u + "` on `" + tn + "` (" + cols + ") in place: reads and writes"
                            + " go on while it builds."),
                    List.of(sql.createIndexOnline(index)),
                    "in place with LOCK=NONE: reads and writes go on; exclusive metadata lock only at start and end",
                    true, false,
                    List.of("If the verify query finds duplicates, fix them first.",
                            "If a duplicate is written while it builds, the ALTER fails with `Duplicate entry` and"
                                    + " leaves nothing behind: fix the rows and run it again."),
                    state, Rollback.withSql("safe: drops the new index", List.of(sql.dropIndexOnline(index))), verify));
            return out.build();
        }
        Rendered dropConstraint = sql.r(new DropConstraint(t, u, ConstraintKind.UNIQUE, true, null));
        if (Sizing.small(ctx, t)) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_unique", tn, u.name(),
                    List.of("Add unique constraint `" + u + "` on `" + tn + "` (" + cols + ").",
                            Sizing.why(ctx, t, "building its index under ACCESS EXCLUSIVE takes milliseconds")),
                    List.of(sql.r(new AddConstraint(t, new Constraint.Unique(u, change.columns()), false, null))),
                    "ACCESS EXCLUSIVE for the index build of a small table (milliseconds)", true, true,
                    List.of("If the verify query finds duplicates, fix them first: the ALTER fails on the first one."),
                    state, Rollback.withSql("safe: drops the constraint and its index", List.of(dropConstraint)),
                    verify));
            return out.build();
        }
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "create_unique_index", tn, u.name(),
                List.of("Build unique index `" + u + "` on `" + tn + "` (" + cols + ") concurrently: reads and writes"
                        + " go on while it builds. It runs outside a transaction."),
                List.of(sql.createIndexOnline(index)),
                "SHARE UPDATE EXCLUSIVE (reads and writes go on); two scans of `" + tn + "`, and it first waits for"
                        + " the transactions that were writing when it started", false, false,
                List.of("If the verify query finds duplicates, fix them first.",
                        "If it fails (a duplicate written meanwhile, a deadlock, a cancel) it leaves an INVALID index `"
                                + u + "` behind that still takes the name: run `DROP INDEX CONCURRENTLY IF EXISTS "
                                + sql.q(u) + ";`, fix the rows, then run this step again."),
                "unique index `" + u + "` on `" + tn + "`",
                Rollback.withSql("safe: drops the index (also an INVALID one left by a failed build)",
                        List.of(sql.dropIndexOnline(index))), verify));
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_unique_constraint", tn, u.name(),
                List.of("Turn the index into unique constraint `" + u + "`: catalog only, the index is already"
                        + " built."),
                List.of(sql.addUniqueUsingIndex(t, u, u)),
                "ACCESS EXCLUSIVE on `" + tn + "` for milliseconds (no build, no scan)", true, true, List.of(),
                state, Rollback.withSql("safe: drops the constraint and its index", List.of(dropConstraint))));
        return out.build();
    }
}
