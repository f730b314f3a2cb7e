package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
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
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.AddConstraintUsingIndex;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropPrimaryKey;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetNotNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Add a primary key to an existing table. PostgreSQL: the nullable key columns become NOT NULL by the CHECK
 * route (NOT VALID, VALIDATE, SET NOT NULL without a scan on 12+), the unique index is built concurrently and
 * {@code ADD PRIMARY KEY USING INDEX} takes milliseconds. MySQL/MariaDB: {@code ADD PRIMARY KEY} rebuilds the
 * table in place with LOCK=NONE.
 */
public final class AddPrimaryKeyStrategy implements ChangeStrategy {
    private final AddPrimaryKey change;

    public AddPrimaryKeyStrategy(AddPrimaryKey change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        ObjectChecks.requireColumns(ctx, change.table(), change.columns());
        table.primaryKey().ifPresent(pk -> {
            throw StrategistException.invalid("add primary key " + change.table() + ": it already has a primary key"
                    + " on " + pk.columns().stream().map(Ident::name).toList());
        });
        if (ctx.dialect().namesPrimaryKeys()) {
            ObjectChecks.requireFreeName(ctx, change.table(), change.name(), "add primary key " + change.name());
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Ident t = table.name();
        String tn = t.name();
        Ident pk = change.name();
        List<Column> nullable = change.columns().stream().map(c -> table.column(c).orElseThrow())
                .filter(Column::nullable).toList();
        String cols = String.join(", ", change.columns().stream().map(Ident::name).toList());
        String state = "primary key on `" + tn + "` (" + cols + ")";
        Contribution.Builder out = Contribution.builder();
        if (sql.dialect().addPrimaryKeyInPlace()) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_primary_key", tn, cols,
                    List.of("Add the primary key on `" + tn + "` (" + cols + "): InnoDB rebuilds the table in place"
                                    + " around the new clustered key; reads and writes go on (LOCK=NONE)"
                                    + (nullable.isEmpty() ? "." : ", and the key columns become NOT NULL."),
                            "Writes made during the rebuild are logged and replayed at the end: the log is bounded by"
                                    + " innodb_online_alter_log_max_size, and the rebuild needs free disk for a copy"
                                    + " of `" + tn + "`."),
                    List.of(sql.r(new AddConstraint(t, new Constraint.PrimaryKey(null, change.columns()), false,
                            OnlineDdl.INPLACE))),
                    "in-place rebuild with LOCK=NONE: reads and writes go on; exclusive metadata lock only at start"
                            + " and end", true, false,
                    List.of("If the verify query finds NULLs or duplicates, fix them first: the rebuild fails at the"
                            + " end otherwise, after doing all the work."),
                    state,
                    Rollback.withSql("dropping a primary key without adding another is a table COPY with writes"
                                    + " blocked (INPLACE is refused, measured on MariaDB 10.11); on a large table"
                                    + " run it through pt-online-schema-change",
                            List.of(sql.r(new DropPrimaryKey(t, nullable, OnlineDdl.COPY)))),
                    Verify.nullsOrDuplicates(sql, t, change.columns())));
            return out.build();
        }
        Rendered dropPk = sql.r(new DropConstraint(t, pk, ConstraintKind.PRIMARY_KEY, true, null));
        if (Sizing.small(ctx, t)) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_primary_key", tn, cols,
                    List.of("Add primary key `" + pk + "` on `" + tn + "` (" + cols + ").",
                            Sizing.why(ctx, t, "the NULL scan and the index build under ACCESS EXCLUSIVE take"
                                    + " milliseconds")),
                    List.of(sql.r(new AddConstraint(t, new Constraint.PrimaryKey(pk, change.columns()), false,
                            null))),
                    "ACCESS EXCLUSIVE for the scan and index build of a small table (milliseconds)", true, true,
                    List.of("If the verify query finds NULLs or duplicates, fix them first."), state,
                    Rollback.withSql("safe: drops the key and its index; the columns stay NOT NULL", List.of(dropPk)),
                    Verify.nullsOrDuplicates(sql, t, change.columns())));
            return out.build();
        }
        if (!nullable.isEmpty()) {
            notNull(ctx, sql, t, nullable, out);
        }
        Index index = new Index(pk, t, change.columns(), true, null, null, true);
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "create_unique_index", tn, pk.name(),
                List.of("Build unique index `" + pk + "` on `" + tn + "` (" + cols + ") concurrently, outside a"
                        + " transaction: reads and writes go on while it builds."),
                List.of(sql.createIndexOnline(index)),
                "SHARE UPDATE EXCLUSIVE (reads and writes go on); two scans of `" + tn + "`", false, false,
                List.of("If the verify query finds duplicates, fix them first.",
                        "If it fails it leaves an INVALID index `" + pk + "` behind: run `DROP INDEX CONCURRENTLY IF"
                                + " EXISTS " + sql.q(pk) + ";`, fix the rows, then run this step again."),
                "unique index `" + pk + "` on `" + tn + "`",
                Rollback.withSql("safe: drops the index (also an INVALID one left by a failed build)",
                        List.of(sql.dropIndexOnline(index))),
                Verify.duplicates(sql, t, change.columns())));
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_primary_key", tn, cols,
                List.of("Make the index the primary key: catalog only, the columns are already NOT NULL and the index"
                        + " is built."),
                List.of(sql.r(new AddConstraintUsingIndex(t, pk, true, pk))),
                "ACCESS EXCLUSIVE on `" + tn + "` for milliseconds (no scan)", true, true, List.of(), state,
                Rollback.withSql("safe: drops the key and its index", List.of(dropPk))));
        return out.build();
    }

    /** NOT NULL without a long lock: the CHECK route on PostgreSQL 12+, else a direct scan with a finding. */
    private void notNull(PlanContext ctx, Sql sql, Ident t, List<Column> columns, Contribution.Builder out) {
        String tn = t.name();
        String names = String.join(", ", columns.stream().map(c -> c.name().name()).toList());
        List<Ident> idents = columns.stream().map(Column::name).toList();
        List<Rendered> setNotNull = new ArrayList<>();
        List<Rendered> dropNotNull = new ArrayList<>();
        for (Column c : columns) {
            setNotNull.add(sql.r(new SetNotNull(t, c.name())));
            dropNotNull.add(sql.dropNotNull(t, c));
        }
        if (sql.dialect().notNullStopsAtCheck()) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "set_not_null", tn, names,
                    List.of("Make " + names + " NOT NULL: on " + ctx.dialect().displayName() + " SET NOT NULL always"
                            + " scans the table under ACCESS EXCLUSIVE (a validated CHECK is used to skip the scan"
                            + " only from PostgreSQL 12)."),
                    setNotNull, "ACCESS EXCLUSIVE for a full scan of `" + tn + "`: reads and writes wait", true, true,
                    List.of("Run it in a quiet hour, or upgrade to PostgreSQL 12+ first."),
                    names + " NOT NULL", Rollback.withSql("safe: drops NOT NULL again", dropNotNull),
                    Verify.nulls(sql, t, idents)));
            out.finding(new Finding("add-primary-key-scan", Severity.WARNING, tn,
                    "On " + ctx.dialect().displayName() + " making " + names + " NOT NULL scans `" + tn + "` under"
                            + " ACCESS EXCLUSIVE: reads and writes wait for the whole scan.",
                    "Upgrade to PostgreSQL 12+, where CHECK (" + names + " IS NOT NULL) NOT VALID + VALIDATE lets SET"
                            + " NOT NULL skip the scan, or run this step in a quiet hour.", null));
            return;
        }
        List<Rendered> addChecks = new ArrayList<>();
        List<Rendered> validate = new ArrayList<>();
        List<Rendered> dropChecks = new ArrayList<>();
        for (Column c : columns) {
            Ident check = Names.constraint(t, c.name(), "not_null");
            addChecks.add(sql.addNotNullCheck(t, c.name(), check));
            validate.add(sql.validateConstraint(t, check));
            dropChecks.add(sql.dropConstraintIfExists(t, check));
        }
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_not_null_check", tn, names,
                List.of("Add CHECK (" + names + " IS NOT NULL) as NOT VALID: new writes are checked, nothing is"
                        + " scanned."),
                addChecks, "ACCESS EXCLUSIVE on `" + tn + "` for milliseconds (no scan)", true, true,
                List.of("From this step on, writing NULL into " + names + " fails."),
                "NOT NULL checks on " + names + " (NOT VALID)",
                Rollback.withSql("safe: drops the checks", dropChecks)));
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "validate_not_null_check", tn, names,
                List.of("Validate the checks: one scan of `" + tn + "` under SHARE UPDATE EXCLUSIVE."),
                validate, "SHARE UPDATE EXCLUSIVE (reads and writes go on)", false, true,
                List.of("If the verify query finds NULLs, fill them first; a failed VALIDATE changes nothing."),
                "NOT NULL checks on " + names + " (validated)",
                Rollback.note("nothing to undo: VALIDATE only marks the checks as proven"),
                Verify.nulls(sql, t, idents)));
        List<Rendered> set = new ArrayList<>(setNotNull);
        set.addAll(dropChecks);
        List<Rendered> undo = new ArrayList<>(dropNotNull);
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "set_not_null", tn, names,
                List.of("SET NOT NULL uses the validated checks instead of scanning, then the checks go."),
                set, "ACCESS EXCLUSIVE on `" + tn + "` for milliseconds (no scan: the validated CHECK proves it)",
                true, true, List.of(), names + " NOT NULL",
                Rollback.withSql("safe: drops NOT NULL again", undo)));
    }
}
