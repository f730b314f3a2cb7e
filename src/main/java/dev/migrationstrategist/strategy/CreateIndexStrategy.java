package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import java.util.ArrayList;
import java.util.List;

/**
 * Create an index: already safe in its online form, so ONE step and no app release. PostgreSQL:
 * {@code CREATE INDEX CONCURRENTLY} outside a transaction; MySQL/MariaDB: {@code ALGORITHM=INPLACE, LOCK=NONE}.
 * A plain index goes in the expand; a unique one after any backfill, gated by a duplicate count.
 */
public final class CreateIndexStrategy implements ChangeStrategy {
    private final CreateIndex change;

    public CreateIndexStrategy(CreateIndex change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        ctx.requireTable(change.table());
        ObjectChecks.requireColumns(ctx, change.table(), change.columns());
        ObjectChecks.requireFreeName(ctx, change.table(), change.name(), "create index " + change.name());
        if (change.method() != null && !ctx.dialect().hasIndexMethod(change.method())) {
            throw StrategistException.invalid("create index " + change.name() + ": index method " + change.method()
                    + " is PostgreSQL's; " + ctx.dialect().displayName() + " has btree (and hash)");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Ident t = ctx.requireTable(change.table()).name();
        Index index = change.index().withTable(t);
        String tn = t.name();
        String cols = String.join(", ", change.columns().stream().map(Ident::name).toList());
        List<String> actions = new ArrayList<>();
        if (change.unique()) {
            actions.add("If the verify query finds duplicates, fix them first.");
        }
        String failure = sql.dialect().createIndexFailureAdvice(index.name(), change.unique());
        if (failure != null) {
            actions.add(failure);
        }
        SchemaStep step = new SchemaStep(0, change.unique() ? Phase.CONSTRAIN : Phase.EXPAND, null, "create_index",
                tn, index.name().name(),
                List.of("Build " + (change.unique() ? "unique " : "") + "index `" + index.name() + "` on `" + tn + "` ("
                        + cols + ") " + sql.dialect().onlineIndexRoute()
                        + ": reads and writes go on while it builds. One step: an index changes no result an app"
                        + " version sees, so no release is needed."),
                List.of(sql.createIndexOnline(index)),
                sql.dialect().createIndexLock(tn),
                sql.dialect().onlineIndexBlocks(), false, actions, "index `" + index.name() + "` on `" + tn + "`",
                Rollback.withSql("safe: drops the new index", List.of(sql.dropIndexOnline(index))),
                change.unique() ? Verify.duplicates(sql, t, change.columns()) : null);
        return Contribution.builder().step(step).build();
    }
}
