package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.plan.Markdown;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.NotNullProof;

import java.util.List;

/**
 * Make a column NOT NULL. A large PostgreSQL table goes through a validated CHECK so that no scan runs under ACCESS
 * EXCLUSIVE; MySQL/MariaDB rebuild in place with LOCK=NONE; a small table takes the direct statement.
 */
public final class SetNotNullStrategy implements ChangeStrategy {
    private final SetNotNull change;

    public SetNotNullStrategy(SetNotNull change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Column col = ctx.requireColumn(change.table(), change.column());
        if (!col.nullable()) {
            throw StrategistException.invalid("set not null on " + change.table() + "." + change.column()
                    + ": the column is already NOT NULL");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Column col = ctx.requireColumn(change.table(), change.column());
        Ident t = ctx.requireTable(change.table()).name();
        String c = col.name().name();
        String nulls = "SELECT count(*) FROM " + sql.q(t) + " WHERE " + sql.q(col.name()) + " IS NULL;";
        List<String> actions = List.of("Before: " + Markdown.code(nulls) + " must return 0 (fill those rows first), and every"
                + " running app version must write a value into `" + c + "` on INSERT and UPDATE.");
        Contribution.Builder out = Contribution.builder();
        var proof = NotNullProof.of(ctx.requireTable(change.table()), col.name());
        if (proof.isPresent() && sql.dialect().notNullViaValidCheck()) {
            String k = proof.get().name().name();
            out.step(ColumnSteps.step(Phase.CONSTRAIN, "set_not_null", t, c,
                    List.of("Make `" + c + "` NOT NULL. The validated check `" + k + "` (" + c + " IS NOT NULL)"
                            + " already proves there is no NULL: " + sql.dialect().displayName() + " uses it and"
                            + " skips the scan, so this is a catalog change; no second check, no validation scan."),
                    List.of(sql.setNotNullDirect(t, col)),
                    "ACCESS EXCLUSIVE on `" + t + "` for milliseconds (no scan: the valid check `" + k + "` proves"
                            + " it); while it waits for that lock, reads and writes queue behind it",
                    true, sql.dialect().transactionalDdl(),
                    List.of("Every running app version must write a value into `" + c + "` (the check already"
                            + " refuses NULL)."),
                    "`" + t + "." + c + "` NOT NULL",
                    Rollback.withSql("allow NULL again; nothing is lost (the check `" + k + "` stays)",
                            List.of(sql.dropNotNullKeepingDefault(t, col.withNullable(false))))));
            return out.build();
        }
        if (!ctx.isLarge(t)) {
            out.step(ColumnSteps.step(Phase.CONSTRAIN, "set_not_null", t, c,
                    List.of("Make `" + c + "` NOT NULL.", ColumnSteps.smallTable(ctx, t, "the "
                            + sql.dialect().smallTableNotNullCost())),
                    List.of(sql.setNotNullDirect(t, col)),
                    sql.dialect().smallTableNotNullLock(),
                    true, sql.dialect().transactionalDdl(), actions, "`" + t + "." + c + "` NOT NULL",
                    Rollback.withSql("allow NULL again; nothing is lost",
                            List.of(sql.dropNotNullKeepingDefault(t, col.withNullable(false))))).withVerifySql(nulls));
            return out.build();
        }
        out.step(ColumnSteps.notNull(sql, Phase.CONSTRAIN, t, col, List.of(), actions).withVerifySql(nulls));
        var checked = ColumnSteps.checkedNotNull(sql, t, col);
        if (checked != null) {
            out.checkedNotNull(checked);
        }
        return out.build();
    }
}
