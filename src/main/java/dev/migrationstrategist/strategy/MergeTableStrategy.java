package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.UpdateJoinBatch;
import dev.migrationstrategist.statement.RenderedBackfill;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.StateAfter;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddColumns;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Merge a 1:1 table back into its main table by expand and contract, with the data: add its columns to the main
 * table (nullable, no default while both shapes exist), keep both shapes equal with triggers both ways
 * ({@link OneToOneSync} in merge mode), copy the existing values in keyset batches ({@code UPDATE ... FROM/JOIN},
 * idempotent), gate the contract on a query that counts side rows whose values differ, switch the app to the main
 * table, then drop the triggers, give the columns their defaults and drop the side table.
 */
public final class MergeTableStrategy implements ChangeStrategy {
    private static final Ident M = Ident.of("m");
    private static final Ident S = Ident.of("s");
    private final MergeTable change;

    public MergeTableStrategy(MergeTable change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        Table side = ctx.requireTable(change.table());
        Table main = ctx.requireTable(change.into());
        if (side.name().sameAs(main.name())) {
            throw StrategistException.invalid(what + ": a table cannot be merged into itself");
        }
        Ident sideKey = Backfills.keyColumn(side);
        Ident mainKey = Backfills.keyColumn(main);
        if (link(side, sideKey, main, mainKey).isEmpty()) {
            throw StrategistException.invalid(what + ": " + side.name() + " is not a 1:1 table of " + main.name()
                    + " (its primary key " + sideKey + " needs a foreign key to " + main.name() + "." + mainKey + ")");
        }
        List<Column> moved = StateAfter.movedColumns(side, sideKey);
        if (moved.isEmpty()) {
            throw StrategistException.invalid(what + ": " + side.name() + " has no column besides its key");
        }
        for (Column c : moved) {
            if (main.hasColumn(c.name())) {
                throw StrategistException.invalid(what + ": " + main.name() + " already has a column " + c.name()
                        + "; rename one of them first");
            }
        }
        for (Table other : ctx.schema().tables()) {
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(side.name())
                        && !other.name().sameAs(side.name())) {
                    throw StrategistException.invalid(what + ": foreign key " + (fk.name() == null ? "" : fk.name()
                            + " ") + "on " + other.name() + " references " + side.name() + "; drop it first");
                }
            }
        }
        SplitTableStrategy.requireMovable(ctx, side, moved.stream().map(Column::name).toList(), what);
        Dependencies.checkTable(ctx, change.describe(), change.table(), Dependencies.TableFate.DROPPED, null);
    }

    static Optional<Constraint.ForeignKey> link(Table side, Ident sideKey, Table main, Ident mainKey) {
        return side.constraints().stream().filter(Constraint.ForeignKey.class::isInstance)
                .map(Constraint.ForeignKey.class::cast)
                .filter(fk -> fk.referencedTable().sameAs(main.name()) && fk.columns().size() == 1
                        && fk.columns().get(0).sameAs(sideKey) && fk.referencedColumns().size() == 1
                        && fk.referencedColumns().get(0).sameAs(mainKey))
                .findFirst();
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table side = ctx.requireTable(change.table());
        Table main = ctx.requireTable(change.into());
        Ident s = side.name();
        Ident m = main.name();
        Ident sideKey = Backfills.keyColumn(side);
        Ident mainKey = Backfills.keyColumn(main);
        List<Column> moved = StateAfter.movedColumns(side, sideKey);
        List<Ident> names = moved.stream().map(Column::name).toList();
        String list = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        OneToOneSync sync = new OneToOneSync(m, mainKey, s, sideKey, names,
                moved.stream().filter(c -> !c.nullable()).map(Column::name).toList(), true);
        Contribution.Builder out = Contribution.builder();

        List<Rendered> expand = new ArrayList<>(OneToOneSync.lockBoth(sql, m, s));
        AddColumns add = new AddColumns(m, moved.stream().map(c -> new Column(c.name(), c.type(), true, null))
                .toList(), sql.dialect().addColumnAlgorithm());
        // where each statement commits on its own, none queues for its table's metadata lock (see OneToOneSync)
        expand.add(sql.noQueueOutsideTransactions(sql.r(add)));
        expand.addAll(sync.create(sql));
        List<Rendered> undo = new ArrayList<>(sync.drop(sql));
        undo.add(sql.dropColumns(m, names, sql.dialect().dropColumnAlgorithm()));
        List<String> bullets = new ArrayList<>();
        bullets.add("Add " + list + " to `" + m + "` (nullable, no default while both shapes exist: a default would"
                + " make the trigger create a `" + s + "` row that the running app then inserts again).");
        bullets.add("Install triggers " + sync.names(sql).stream().map(n -> "`" + n + "`")
                .collect(Collectors.joining(", ")) + ": until the contract every write to `" + s + "` is copied"
                + " into `" + m + "`, every write of " + list + " in `" + m + "` reaches `" + s + "` (the row is"
                + " created when missing), and deleting a `" + m + "` row deletes its `" + s + "` row first, so"
                + " v1.0, v1.1 and v1.2 can each run beside the next.");
        String triggerLimit = sql.dialect().syncTriggerLimit();
        if (triggerLimit != null) {
            bullets.add(triggerLimit);
        }
        if (moved.stream().anyMatch(c -> !c.nullable())) {
            bullets.add("The columns stay nullable in `" + m + "`: a `" + m + "` row without a `" + s + "` row has no"
                    + " value. Add NOT NULL afterwards (`set not null on " + m + ".COLUMN`) once every row has one.");
        }
        out.step(new SchemaStep(0, Phase.EXPAND, null, "merge_table", m.name(), String.join(", ",
                names.stream().map(Ident::name).toList()), bullets, expand,
                sql.dialect().addColumnsLock("`" + m + "`"),
                true, sql.dialect().transactionalDdl(), List.of(),
                "`" + m + "` has " + list + ", kept in sync with `" + s + "` by triggers",
                Rollback.withSql("safe while no app version reads them from " + m + ": the values are still in " + s,
                        undo)));

        List<String> oldCols = names.stream().map(n -> s + "." + n).toList();
        List<String> newCols = names.stream().map(n -> m + "." + n).toList();
        List<String> writesBoth = new ArrayList<>(oldCols);
        writesBoth.addAll(newCols);
        out.dualWrite(new AppInstruction("dual_write",
                List.of("Code updates to write " + list + " to BOTH `" + s + "` and `" + m + "`.",
                        "Read " + list + " from `" + s + "`."),
                oldCols, writesBoth, "it ignores the new columns of " + m,
                "the triggers keep copying every write the previous version makes into " + m));

        out.step(backfill(ctx, sql, side, sideKey, main, mainKey, names, sync));

        out.switchOver(new AppInstruction("read_write_new_only",
                List.of("Code updates to read and write " + list + " ONLY in `" + m + "`; it no longer uses `" + s
                                + "`.",
                        "The triggers copy every write back to `" + s + "`, so v1.1 can still run beside this version"
                                + " and a rollback to it is safe."),
                newCols, newCols, "it dual-writes and reads " + s,
                "the triggers copy every write of this version back to " + s + ", so reverting the code is safe"));

        List<Rendered> contract = new ArrayList<>(sync.drop(sql));
        for (Column c : moved) {
            c.defaultValue().ifPresent(d -> contract.add(sql.setDefaultOnline(m, c.name(), d)));
        }
        contract.add(sql.r(new DropTable(s, false)));
        List<String> contractBullets = new ArrayList<>(List.of("Drop the sync triggers"
                + (moved.stream().anyMatch(c -> c.defaultValue().isPresent()) ? ", give the columns of `" + m
                + "` their defaults" : "") + ", then table `" + s + "`.", OneToOneSync.ONE_BY_ONE));
        String dropRisk = sql.dialect().triggerDropDeadlock("`" + m + "`", "`" + s + "`");
        if (dropRisk != null) {
            contractBullets.add(dropRisk);
        }
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_table", s.name(), s.name(),
                contractBullets,
                contract,
                sql.dialect().dropTableWithTriggersLock("`" + s + "`", "`" + m + "`"),
                true, false,
                List.of("Execute only when v1.1 is fully retired from traffic."),
                "only `" + m + "` holds " + list,
                Rollback.irreversible("irreversible: table " + s + " is gone; run only when v1.1 is retired (before"
                        + " this step, rolling back is redeploying v1.1)"))
                .withVerify(sql.backfill(sync.differences(sql)).sql()));
        return out.build();
    }

    private static BackfillStep backfill(PlanContext ctx, Sql sql, Table side, Ident sideKey, Table main,
                                         Ident mainKey, List<Ident> names, OneToOneSync sync) {
        String differs = "(" + names.stream().map(n -> sql.dialect().distinct(sql.q(M) + "." + sql.q(n),
                sql.q(S) + "." + sql.q(n))).collect(Collectors.joining(" OR ")) + ")";
        String mk = sql.q(M) + "." + sql.q(mainKey);
        String sk = sql.q(S) + "." + sql.q(sideKey);
        String plain = sql.dialect().updateJoinText(main.name(), M, side.name(), S, mk + " = " + sk, names);
        BackfillSideEffects effects = BackfillSideEffects.of(ctx, main.name(), names);
        // both rows of a key locked, the main row first (the order of the main table's triggers and of v1.1, which
        // writes the main table first), so the copy takes the side row's latest values: measured with the
        // rehearsal, the unlocked copy wrote a value read before a client's newer write over it (PostgreSQL), and
        // InnoDB, locking the side row first, deadlocked with a client whose trigger upserts the side row
        UpdateJoinBatch batch = new UpdateJoinBatch(main.name(), M, mainKey, side.name(), S, sideKey, names, differs,
                effects.kept(), effects.quiet()).lockingRows();
        RenderedBackfill<CountRows> remainingQuery = sql.backfill(sync.differences(sql));
        String remaining = remainingQuery.sql();
        int size = ctx.options().batchSize();
        List<String> actions = new ArrayList<>(List.of(
                "Run this out-of-band in batches of " + ColumnSteps.count(size) + " to avoid long locks.",
                "Each batch is its own short transaction over a key range of " + side.name() + "." + sideKey
                        + " (never OFFSET) and only touches rows that still differ, so a batch can be rerun and the"
                        + " copy resumed from the last key.",
                "Done when `" + remaining + "` returns 0."));
        actions.addAll(effects.actions());
        if (sql.dialect().updatesLeaveDeadRows()) {
            actions.add("Afterwards run `VACUUM (ANALYZE) " + sql.q(main.name()) + ";`: every updated row leaves a"
                    + " dead row version behind.");
        }
        return new BackfillStep(0, null, main.name().toString(), names.stream().map(Ident::name)
                .collect(Collectors.joining(", ")),
                List.of("Copy " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "))
                        + " of every `" + side.name() + "` row into its `" + main.name() + "` row.",
                        "SQL: `" + plain + ";`"),
                plain, sql.batch(batch), sql.backfill(batch.nextKey()), remainingQuery, size, actions,
                "every `" + side.name() + "` row's values are in `" + main.name() + "`",
                Rollback.note("nothing to undo: " + side.name() + " is untouched; the expand's rollback drops the new"
                        + " columns"));
    }
}
