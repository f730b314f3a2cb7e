package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.RenameTable;

import java.util.List;

/**
 * Drop a table: the app stops using it first (a release), then the table is renamed aside, a reversible holding
 * step where a forgotten reader fails loudly while the rows are intact, and only then dropped (irreversible).
 */
public final class DropTableStrategy implements ChangeStrategy {
    private final DropTable change;

    public DropTableStrategy(DropTable change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        for (Table other : ctx.schema().tables()) {
            if (other.name().sameAs(table.name())) {
                continue;
            }
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(table.name())) {
                    throw StrategistException.invalid("drop table " + table.name() + ": foreign key "
                            + (fk.name() == null ? "" : fk.name() + " ") + "on " + other.name() + " references it;"
                            + " drop that foreign key first");
                }
            }
        }
        Ident aside = Names.aside(table.name());
        if (ctx.schema().hasTable(aside)) {
            throw StrategistException.invalid("drop table " + table.name() + ": the holding name " + aside
                    + " is already taken by a table");
        }
        Dependencies.checkTable(ctx, change.describe(), change.table(), Dependencies.TableFate.DROPPED, null);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Ident t = ctx.requireTable(change.table()).name();
        Ident aside = Names.aside(t);
        String tn = t.name();
        Contribution.Builder out = Contribution.builder();
        out.switchOver(new AppInstruction("stop_using_table",
                List.of("Code stops reading and writing `" + tn + "` (remove its queries, entities and jobs)."),
                List.of(), List.of(), "it still uses " + tn + ", which is untouched until the contract",
                "the table and its rows stay as they are until the contract"));
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "rename_table", tn, aside.name(),
                List.of("Rename `" + tn + "` aside to `" + aside + "`: a reversible holding step. A reader nobody"
                        + " knew about now fails loudly, while every row is still there."),
                List.of(sql.r(new RenameTable(t, aside))),
                sql.dialect().renameTableLock(tn),
                true, sql.dialect().transactionalDdl(),
                List.of("Execute only when the previous app version is fully retired from traffic.",
                        "Then wait (a day, a release cycle) and watch the logs for errors naming `" + tn + "`."),
                "`" + tn + "` renamed to `" + aside + "`",
                Rollback.withSql("safe: renames it back, every row intact",
                        List.of(sql.r(new RenameTable(aside, t))))));
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_table", tn, aside.name(),
                List.of("Drop `" + aside + "` (was `" + tn + "`)."),
                List.of(sql.r(new dev.migrationstrategist.statement.DropTable(aside, false))),
                sql.dialect().dropUnusedTableLock(aside.name()),
                true, sql.dialect().transactionalDdl(),
                List.of("Back the rows up first if they may ever be needed ("
                        + sql.dialect().tableDumpTool() + ")."),
                "no `" + tn + "`",
                Rollback.irreversible("irreversible: the rows of " + tn + " are gone (restore them from a backup);"
                        + " before this step, renaming it back undoes everything")));
        return out.build();
    }
}
