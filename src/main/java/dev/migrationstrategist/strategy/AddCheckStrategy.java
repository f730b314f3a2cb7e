package dev.migrationstrategist.strategy;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.DropConstraint;

import java.util.List;

/**
 * Add a CHECK constraint. PostgreSQL: {@code NOT VALID} at the expand (new writes are checked from then on,
 * milliseconds under ACCESS EXCLUSIVE), {@code VALIDATE CONSTRAINT} after any backfill (a scan under SHARE UPDATE
 * EXCLUSIVE, reads and writes go on). MySQL 8.0.16+ and MariaDB enforce CHECK, but adding one is a table copy
 * (COPY only, measured on MariaDB 10.11): direct on a small table, through an online schema-change tool on a
 * large one. MySQL before 8.0.16 (MariaDB before 10.2.1) parses CHECK and ignores it: the plan says so.
 */
public final class AddCheckStrategy implements ChangeStrategy {
    private final AddCheck change;

    public AddCheckStrategy(AddCheck change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        ctx.requireTable(change.table());
        ObjectChecks.requireFreeName(ctx, change.table(), change.name(), "add check " + change.name());
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Ident t = ctx.requireTable(change.table()).name();
        Ident c = change.name();
        String tn = t.name();
        String add = "ADD CONSTRAINT " + sql.q(c) + " CHECK (" + change.expression() + ")";
        Constraint.Check check = new Constraint.Check(c, change.expression(), List.of(), true);
        Constraint.Check unchecked = new Constraint.Check(c, change.expression(), List.of(), false);
        String verify = Verify.violations(sql, t, change.expression());
        String state = "check `" + c + "` on `" + tn + "`";
        Contribution.Builder out = Contribution.builder();
        if (sql.dialect().validatesConstraintsLater()) {
            Rollback drop = Rollback.withSql("safe: only removes the check",
                    List.of(sql.dropConstraintIfExists(t, c)));
            if (Sizing.small(ctx, t)) {
                out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_check", tn, c.name(),
                        List.of("Add check `" + c + "` on `" + tn + "`.",
                                Sizing.why(ctx, t, "the scan that proves the existing rows under ACCESS EXCLUSIVE"
                                        + " takes milliseconds")),
                        List.of(sql.r(new AddConstraint(t, check, false, null))),
                        "ACCESS EXCLUSIVE for the scan of a small table (milliseconds)", true, true,
                        List.of("If the verify query finds rows, fix them first: the ALTER fails on the first one."),
                        state, drop, verify));
                return out.build();
            }
            out.step(new SchemaStep(0, Phase.EXPAND, null, "add_check", tn, c.name(),
                    List.of("Add check `" + c + "` as NOT VALID: existing rows are not scanned, every INSERT and"
                            + " UPDATE is checked from now on."),
                    List.of(sql.r(new AddConstraint(t, unchecked, true, null))),
                    "ACCESS EXCLUSIVE on `" + tn + "` for milliseconds (no scan)", true, true,
                    List.of("From this step on, a write that breaks the check fails: make sure the running app"
                            + " version no longer writes such rows."),
                    state + " (NOT VALID: new writes checked)", drop));
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "validate_constraint", tn, c.name(),
                    List.of("Validate `" + c + "`: one scan of `" + tn + "` proves the rows written before the"
                            + " expand."),
                    List.of(sql.validateConstraint(t, c)),
                    "SHARE UPDATE EXCLUSIVE on `" + tn + "` for one full scan (reads and writes go on)", false, true,
                    List.of("If the verify query finds rows, fix them first; a failed VALIDATE leaves `" + c
                            + "` NOT VALID (still checking new writes): fix the rows and run it again."),
                    state + " (validated)",
                    Rollback.note("nothing to undo: VALIDATE only marks the check as proven (the expand's rollback"
                            + " drops it)"), verify));
            return out.build();
        }
        enforcement(ctx).ifPresent(out::finding);
        Rollback drop = Rollback.withSql("safe: dropping a check is metadata only",
                List.of(sql.r(new DropConstraint(t, c, ConstraintKind.CHECK, false,
                        ctx.dialect().dropConstraintAlgorithm()))));
        String copy = ctx.dialect().addCheckCopyReason();
        if (Sizing.small(ctx, t)) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_check", tn, c.name(),
                    List.of("Add check `" + c + "` on `" + tn + "`: " + copy + ".",
                            Sizing.why(ctx, t, "copying it takes milliseconds")),
                    List.of(sql.r(new AddConstraint(t, check, false, OnlineDdl.COPY))),
                    "table copy with LOCK=SHARED: reads go on, writes wait for the copy (small table)", true, false,
                    List.of("If the verify query finds rows, fix them first: the ALTER fails on the first one."),
                    state, drop, verify));
            return out.build();
        }
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_check", tn, c.name(),
                List.of("Add check `" + c + "` on `" + tn + "`: " + copy + ", and a copy of a large table blocks"
                                + " writes for its whole duration (LOCK=SHARED).",
                        "So the check goes in through an online schema-change tool: it copies `" + tn + "` into a new"
                                + " table that already has the check, keeps the copy current with triggers, and swaps"
                                + " the two with an atomic RENAME (a short metadata lock)."),
                List.of(),
                "none held by the tool's copy; the final swap takes an exclusive metadata lock for milliseconds",
                false, false,
                List.of("Run: `pt-online-schema-change --alter \"" + add.replace("\"", "\\\"") + "\" "
                                + (ctx.options().target() == null ? LiveTarget.ptOscPlaceholder(tn)
                                : ctx.options().target().ptOscDsn(tn))
                                + " --execute` (or gh-ost with the same --alter"
                                + (ctx.options().target() == null ? ""
                                : " and `" + ctx.options().target().ghostOptions(tn) + "`") + ").",
                        "The copy fails on the first row that breaks the check: the verify query must return 0."),
                state, drop, verify));
        return out.build();
    }

    /** MySQL before 8.0.16 and MariaDB before 10.2.1 accept CHECK and ignore it. */
    private java.util.Optional<Finding> enforcement(PlanContext ctx) {
        if (ctx.dialect().enforcesChecks()) {
            return java.util.Optional.empty();
        }
        String from = ctx.dialect().familyName() + " " + ctx.dialect().checksEnforcedFrom();
        return java.util.Optional.of(new Finding("add-check-not-enforced", Severity.WARNING, change.table().name(),
                ctx.dialect().displayName() + " (as given: " + ctx.dialect().version() + ") accepts CHECK constraints"
                        + " but enforces them only from " + from + ": on an older server the check `" + change.name()
                        + "` would be stored and ignored, and nothing stops bad rows.",
                "Give the exact server version (--dialect " + ctx.dialect().name() + ":" + ctx.dialect().checksEnforcedFrom()
                        + " or later) if it enforces CHECK; otherwise enforce the rule in the application or with a"
                        + " BEFORE INSERT/UPDATE trigger that signals an error.", null));
    }
}
