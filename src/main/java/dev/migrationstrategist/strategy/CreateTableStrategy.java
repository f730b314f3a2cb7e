package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;

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
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = change.definition();
        Ident t = table.name();
        List<Ident> parents = parents(table).stream().filter(p -> !p.sameAs(t)).toList();
        List<String> statements = new ArrayList<>();
        statements.add(createTable(sql, table));
        if (sql.postgres()) {
            for (Index i : table.indexes()) {
                statements.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + sql.q(i.name()) + " ON "
                        + sql.q(t) + " (" + sql.dialect().quoteAll(i.columns()) + ");");
            }
        }
        String parentNames = parents.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "));
        List<String> bullets = new ArrayList<>();
        bullets.add("Create table `" + t + "`. A new table is safe as it is: nothing reads it yet and no existing row"
                + " is touched, so one step and no app release.");
        if (sql.postgres() && !table.indexes().isEmpty()) {
            bullets.add("Its indexes are built in the same transaction: the table is empty, so no CONCURRENTLY is"
                    + " needed.");
        }
        String lock = parents.isEmpty() ? "none on existing tables"
                : sql.postgres() ? "SHARE ROW EXCLUSIVE on " + parentNames + " for milliseconds (its foreign keys;"
                + " the new table is empty, so nothing is scanned)"
                : "shared metadata lock on " + parentNames + " for milliseconds (its foreign keys)";
        SchemaStep step = new SchemaStep(0, Phase.EXPAND, null, "create_table", t.name(), t.name(), bullets,
                statements, lock, !parents.isEmpty(), sql.dialect().transactionalDdl(), List.of(),
                "table `" + t + "`",
                Rollback.withSql("safe while no app version writes to it (afterwards its rows would be lost)",
                        List.of("DROP TABLE " + sql.q(t) + ";")));
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
        Sql sql = new Sql(dialect);
        List<String> out = new ArrayList<>();
        out.add(createTable(sql, table));
        if (sql.postgres()) {
            for (Index i : table.indexes()) {
                out.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + sql.q(i.name()) + " ON "
                        + sql.q(table.name()) + (i.method() == null ? "" : " USING " + sql.q(Ident.of(i.method())))
                        + " (" + dialect.quoteAll(i.columns()) + ")" + (i.where() == null ? "" : " WHERE " + i.where())
                        + ";");
            }
        }
        return out;
    }

    static String createTable(Sql sql, Table table) {
        List<String> parts = new ArrayList<>();
        for (Column c : table.columns()) {
            parts.add(sql.columnDefinition(c));
        }
        for (Constraint c : table.constraints()) {
            String named = c.name() == null ? "" : "CONSTRAINT " + sql.q(c.name()) + " ";
            String cols = sql.dialect().quoteAll(c.columns());
            if (c instanceof Constraint.PrimaryKey) {
                parts.add(named + "PRIMARY KEY (" + cols + ")");
            } else if (c instanceof Constraint.Unique) {
                parts.add(named + "UNIQUE (" + cols + ")");
            } else if (c instanceof Constraint.Check check) {
                parts.add(named + "CHECK (" + check.expression() + ")");
            } else if (c instanceof Constraint.ForeignKey fk) {
                parts.add(named + "FOREIGN KEY (" + cols + ") REFERENCES " + sql.q(fk.referencedTable()) + " ("
                        + sql.dialect().quoteAll(fk.referencedColumns()) + ")"
                        + (fk.onDelete() == null ? "" : " ON DELETE " + fk.onDelete())
                        + (fk.onUpdate() == null ? "" : " ON UPDATE " + fk.onUpdate()));
            }
        }
        if (!sql.postgres()) {
            for (Index i : table.indexes()) {
                parts.add((i.unique() ? "UNIQUE " : "") + "INDEX " + sql.q(i.name()) + " ("
                        + sql.dialect().quoteAll(i.columns()) + ")");
            }
        }
        return "CREATE TABLE " + sql.q(table.name()) + " (\n  " + String.join(",\n  ", parts) + "\n);";
    }
}
