package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Drop an index in one contract step: {@code DROP INDEX CONCURRENTLY} (PostgreSQL, outside a transaction) or
 * {@code ALGORITHM=INPLACE, LOCK=NONE} (MySQL/MariaDB). Reversible: the rollback builds it again online.
 */
public final class DropIndexStrategy implements ChangeStrategy {
    private final DropIndex change;

    public DropIndexStrategy(DropIndex change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        Index index = change.index(ctx.schema());
        for (Constraint c : table.constraints()) {
            if (c.name() != null && c.name().sameAs(index.name())) {
                throw StrategistException.invalid("drop index " + index.name() + ": it backs constraint " + c.name()
                        + " on " + table.name() + "; drop the constraint instead");
            }
            if (ctx.dialect().foreignKeyNeedsIndex() && c instanceof Constraint.ForeignKey fk
                    && ObjectChecks.indexedBy(new Table(table.name(), List.of(), List.of(), List.of(index)), fk.columns())
                    && !ObjectChecks.indexedBy(table.withoutIndex(index.name()), fk.columns())) {
                throw StrategistException.invalid("drop index " + index.name() + ": foreign key " + fk.name() + " on "
                        + table.name() + " needs it (" + ctx.dialect().displayName() + " refuses); drop the foreign"
                        + " key first or add another index on its columns");
            }
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Index index = change.index(ctx.schema()).withTable(table.name());
        String tn = table.name().name();
        List<String> actions = new ArrayList<>();
        actions.add(sql.dialect().unusedIndexAdvice(table.name(), index.name()));
        SchemaStep step = new SchemaStep(0, Phase.CONTRACT, null, "drop_index", tn, index.name().name(),
                List.of("Drop index `" + index.name() + "` on `" + tn + "` "
                        + sql.dialect().onlineIndexRoute()
                        + ": reads and writes go on. One step: no app version's results change, only its speed."),
                List.of(sql.dropIndexOnline(index)),
                sql.dialect().dropIndexLock(tn),
                sql.dialect().onlineIndexBlocks(), false, actions, "no index `" + index.name() + "`",
                Rollback.withSql("safe: builds the index again online (a full build)",
                        List.of(sql.createIndexOnline(index))));
        return Contribution.builder().step(step).build();
    }
}
