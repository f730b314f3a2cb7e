package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.CreateIndex;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Create a table: already safe (nothing reads it, no existing row is touched), so ONE expand step and no app
 * release. The statement is rendered from the parsed table; its indexes are created with it.
 */
public final class CreateTableStrategy implements ChangeStrategy {
    private final CreateTable change;

    public CreateTableStrategy(CreateTable change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = change.definition();
        if (ctx.schema().hasTable(table.name())) {
            throw StrategistException.invalid("create table " + table.name() + ": the schema already has a table of"
                    + " that name");
        }
        for (Ident parent : parents(table)) {
            if (!parent.sameAs(table.name())) {
                ctx.requireTable(parent);
            }
        }
        for (Constraint c : table.constraints()) {
            if (c instanceof Constraint.ForeignKey fk) {
                Table parent = fk.referencedTable().sameAs(table.name()) ? table : ctx.requireTable(fk.referencedTable());
                ObjectChecks.requireCompatibleKeyTypes(ctx, table, fk.columns(), parent, fk.referencedColumns(),
                        "create table " + table.name() + (fk.name() == null ? "" : " (foreign key " + fk.name() + ")"));
            }
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = change.definition();
        Ident t = table.name();
        List<Ident> parents = parents(table).stream().filter(p -> !p.sameAs(t)).toList();
        List<Rendered> statements = statements(sql, table);
        String parentNames = parents.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "));
        List<String> bullets = new ArrayList<>();
        bullets.add("Create table `" + t + "`. A new table is safe as it is: nothing reads it yet and no existing row"
                + " is touched, so one step and no app release.");
        if (sql.dialect().createsIndexesSeparately() && !table.indexes().isEmpty()) {
            bullets.add("Its indexes are built in the same transaction: the table is empty, so no CONCURRENTLY is"
                    + " needed.");
        }
        String lock = parents.isEmpty() ? "none on existing tables"
                : sql.dialect().newTableParentLock(parentNames);
        SchemaStep step = new SchemaStep(0, Phase.EXPAND, null, "create_table", t.name(), t.name(), bullets,
                statements, lock, !parents.isEmpty(), sql.dialect().transactionalDdl(), List.of(),
                "table `" + t + "`",
                Rollback.withSql("safe while no app version writes to it (afterwards its rows would be lost)",
                        List.of(sql.r(new DropTable(t, false)))));
        return Contribution.builder().step(step).build();
    }

    private static List<Ident> parents(Table table) {
        return table.constraints().stream().filter(Constraint.ForeignKey.class::isInstance)
                .map(c -> ((Constraint.ForeignKey) c).referencedTable()).distinct().toList();
    }

    /**
     * The statements that create {@code table} as the model holds it, with its indexes (PostgreSQL: separate
     * statements with their method and predicate; MySQL/MariaDB: inside CREATE TABLE).
     */
    public static List<String> ddl(dev.migrationstrategist.dialect.Dialect dialect, Table table) {
        return Rendered.sql(statements(new Sql(dialect), table));
    }

    /** CREATE TABLE, then on PostgreSQL each index in the same transaction (the table is empty: no CONCURRENTLY). */
    private static List<Rendered> statements(Sql sql, Table table) {
        List<Rendered> out = new ArrayList<>();
        out.add(sql.r(new dev.migrationstrategist.statement.CreateTable(table)));
        if (sql.dialect().createsIndexesSeparately() && !table.partitioning().isPartition()) {
            // a partition gets a copy of each of its parent's indexes when it is created
            for (Index i : table.indexes()) {
                out.add(sql.r(new CreateIndex(i, false, null)));
            }
        }
        return out;
    }
}
