package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.InsertSelectBatch;
import dev.migrationstrategist.statement.RenderedBackfill;
import dev.migrationstrategist.change.SplitTable;
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
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.CreateTable;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Split a table vertically by expand and contract, with the data: create the 1:1 table (same primary key, foreign
 * key to the source with ON DELETE CASCADE), keep both shapes equal with triggers both ways ({@link OneToOneSync}),
 * copy the existing rows in keyset batches ({@code INSERT ... SELECT}, idempotent), gate the contract on a query
 * that counts rows whose values differ, switch the app to the new table, then drop the triggers and the moved
 * columns.
 */
public final class SplitTableStrategy implements ChangeStrategy {
    private final SplitTable change;

    public SplitTableStrategy(SplitTable change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        Table table = ctx.requireTable(change.table());
        Ident key = Backfills.keyColumn(table);
        if (ctx.schema().hasTable(change.into())) {
            throw StrategistException.invalid(what + ": table " + change.into() + " already exists (to move columns"
                    + " into an existing 1:1 table, use a change file's move_columns)");
        }
        requireColumnsToMove(ctx, change.table(), change.columns(), key, what,
                "the new table gets it anyway, list only the columns to move");
        requireMovable(ctx, table, change.columns(), what);
        Dependencies.checkColumns(ctx, change.describe(), change.table(), change.columns(),
                Dependencies.ColumnFate.DROPPED, null);
    }

    /** Each listed column exists, is listed once and is not the primary key ({@code keyReason} says why not). */
    static void requireColumnsToMove(PlanContext ctx, Ident table, List<Ident> columns, Ident key, String what,
                                     String keyReason) {
        Set<String> seen = new HashSet<>();
        for (Ident c : columns) {
            ctx.requireColumn(table, c);
            if (!seen.add(c.lower())) {
                throw StrategistException.invalid(what + ": column " + c + " is listed twice");
            }
            if (c.sameAs(key)) {
                throw StrategistException.invalid(what + ": " + c + " is the primary key; " + keyReason);
            }
        }
    }

    /** Refuses columns that an index or constraint uses: those would have to move too. */
    static void requireMovable(PlanContext ctx, Table table, List<Ident> columns, String what) {
        for (Ident c : columns) {
            for (var index : table.indexesOn(c)) {
                throw StrategistException.invalid(what + ": index " + index.name() + " on " + table.name()
                        + " uses " + c + "; moving indexed columns is not supported yet (drop the index first, then"
                        + " create it on the new table)");
            }
            for (Constraint con : table.constraintsOn(c)) {
                throw StrategistException.invalid(what + ": constraint " + (con.name() == null ? "" : con.name() + " ")
                        + "on " + table.name() + " uses " + c + "; moving constrained columns is not supported yet"
                        + " (drop it first, then add it on the new table)");
            }
            ColumnSteps.requireNoKeys(ctx, table, c, what);
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Ident t = table.name();
        Ident into = change.into();
        Ident key = Backfills.keyColumn(table);
        List<Column> moved = change.columns().stream().map(c -> table.column(c).orElseThrow()).toList();
        List<Ident> names = moved.stream().map(Column::name).toList();
        String list = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        Table created = StateAfter.newTable(table, names, into, !sql.dialect().namesPrimaryKeys());
        OneToOneSync sync = new OneToOneSync(t, key, into, key, names,
                moved.stream().filter(c -> !c.nullable()).map(Column::name).toList(), false);
        List<Column> required = moved.stream().filter(c -> !c.nullable()).toList();
        Contribution.Builder out = Contribution.builder();

        // Expand: the new table, the triggers, the old columns relaxed so the new app may leave them out.
        List<Rendered> expand = new ArrayList<>();
        expand.add(sql.r(new CreateTable(created)));
        expand.addAll(sync.create(sql));
        List<Rendered> undo = new ArrayList<>(sync.drop(sql));
        undo.add(sql.r(new DropTable(into, true)));
        if (!required.isEmpty()) {
            expand.addAll(sql.rAll(sql.dialect().dropNotNullAll(t, required)));
            undo.addAll(sql.rAll(sql.dialect().setNotNullAll(t, required)));
        }
        List<String> bullets = new ArrayList<>();
        bullets.add("Create table `" + into + "` (`" + key + "` as primary key and foreign key to `" + t + "` with ON"
                + " DELETE CASCADE, plus " + list + "): it is empty, so nothing is scanned.");
        bullets.add("Install triggers " + sync.names(sql).stream().map(n -> "`" + n + "`")
                .collect(Collectors.joining(", ")) + ": until the contract every insert or update of " + list
                + " in `" + t + "` is written to `" + into + "` (the row is created when missing) and every write to `"
                + into + "` is copied back to `" + t + "`, so v1.0, v1.1 and v1.2 can each run beside the next;"
                + " deleting a `" + t + "` row deletes its `" + into + "` row through the foreign key.");
        if (!required.isEmpty()) {
            bullets.add("Make " + required.stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "))
                    + " nullable in `" + t + "` (" + sql.dialect().dropNotNullRoute()
                    + "): the release that reads `" + into + "` no longer writes them there; they are dropped at the"
                    + " contract.");
        }
        String triggerLimit = sql.dialect().syncTriggerLimit();
        if (triggerLimit != null) {
            bullets.add(triggerLimit);
        }
        out.step(new SchemaStep(0, Phase.EXPAND, null, "split_table", into.name(), String.join(", ",
                names.stream().map(Ident::name).toList()), bullets, expand,
                sql.dialect().newTableWithTriggersLock("`" + t + "`"),
                true, sql.dialect().transactionalDdl(), List.of(),
                "`" + into + "` exists, kept in sync with `" + t + "` by triggers",
                Rollback.withSql("safe while no app version reads " + into + ": the values are still in " + t, undo)));

        String tn = t.name();
        List<String> oldCols = names.stream().map(n -> tn + "." + n).toList();
        List<String> newCols = names.stream().map(n -> into + "." + n).toList();
        List<String> writesBoth = new ArrayList<>(oldCols);
        writesBoth.addAll(newCols);
        out.dualWrite(new AppInstruction("dual_write",
                List.of("Code updates to write " + list + " to BOTH `" + t + "` and `" + into + "` (upsert the `"
                                + into + "` row by `" + key + "`: the trigger may have created it).",
                        "Read " + list + " from `" + t + "`."),
                oldCols, writesBoth, "it ignores " + into,
                "the triggers keep copying every write the previous version makes into " + into));

        out.step(backfill(ctx, sql, table, key, into, names, sync));

        out.switchOver(new AppInstruction("read_write_new_only",
                List.of("Code updates to read and write " + list + " ONLY in `" + into + "`: insert the `" + t
                                + "` row, then upsert its `" + into + "` row in the same transaction.",
                        "The triggers copy every write back to `" + t + "`, so v1.1 can still run beside this version"
                                + " and a rollback to it is safe."),
                newCols, newCols, "it dual-writes and reads " + t,
                "the triggers copy every write of this version back to " + t + ", so reverting the code is safe"));

        List<Rendered> contract = new ArrayList<>(sync.drop(sql));
        contract.add(sql.dropColumns(t, names, sql.dialect().dropColumnAlgorithm()));
        List<String> contractBullets = new ArrayList<>(List.of("Drop the sync triggers, then " + list + " from `" + t
                + "`.", OneToOneSync.ONE_BY_ONE));
        String dropRisk = sql.dialect().triggerDropDeadlock("`" + t + "`", "`" + into + "`");
        if (dropRisk != null) {
            contractBullets.add(dropRisk);
        }
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_column", tn, String.join(", ",
                names.stream().map(Ident::name).toList()),
                contractBullets,
                contract,
                sql.dialect().dropColumnsLock("`" + t + "`"),
                true, false,
                List.of("Execute only when v1.1 is fully retired from traffic."),
                "only `" + into + "` holds " + list,
                Rollback.irreversible("irreversible: the columns are gone from " + tn + "; run only when v1.1 is"
                        + " retired (before this step, rolling back is redeploying v1.1)"))
                .withVerify(sql.backfill(sync.differences(sql)).sql()));
        return out.build();
    }

    private static BackfillStep backfill(PlanContext ctx, Sql sql, Table table, Ident key, Ident into,
                                         List<Ident> names, OneToOneSync sync) {
        Ident t = table.name();
        List<Ident> all = new ArrayList<>();
        all.add(key);
        all.addAll(names);
        String cols = sql.dialect().quoteAll(all);
        String required = names.stream().filter(n -> !table.column(n).orElseThrow().nullable())
                .map(n -> sql.q(n) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String k = sql.q(key);
        String insert = sql.dialect().insertSkippingDuplicates();
        String conflict = sql.dialect().skipDuplicatesTail(key);
        String plain = insert + sql.q(into) + " (" + cols + ") SELECT " + cols + " FROM " + sql.q(t) + conflict;
        InsertSelectBatch batch = new InsertSelectBatch(t, null, key, all, required.isEmpty() ? null : required, into,
                all, key, InsertSelectBatch.OnConflict.SKIP);
        RenderedBackfill<CountRows> remainingQuery = sql.backfill(sync.differences(sql));
        String remaining = remainingQuery.sql();
        int size = ctx.options().batchSize();
        List<String> actions = List.of(
                "Run this out-of-band in batches of " + ColumnSteps.count(size) + " to avoid long locks.",
                "Each batch is its own short transaction over a key range of " + t + "." + key + " (never OFFSET);"
                        + " a row already there is skipped (" + sql.dialect().skipDuplicatesWords() + "), so a batch can be rerun and the copy resumed from the last key.",
                "Done when `" + remaining + "` returns 0.");
        return new BackfillStep(0, null, into.toString(), names.stream().map(Ident::name).collect(Collectors.joining(", ")),
                List.of("Copy " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + " of the"
                        + " rows written before the expand into `" + into + "`.", "SQL: `" + plain + ";`"),
                plain, sql.batch(batch), sql.backfill(batch.nextKey()), remainingQuery, size, actions,
                "every `" + t + "` row has its `" + into + "` row with the same values",
                Rollback.note("nothing to undo: " + t + " is untouched; the expand's rollback drops " + into));
    }
}
