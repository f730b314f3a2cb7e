package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.InsertSelectBatch;
import dev.migrationstrategist.statement.RenderedBackfill;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddColumns;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Move columns into an existing 1:1 table by expand and contract, with the data: add them to the target table
 * (nullable, no default while both shapes exist), keep both shapes equal with triggers ({@link MoveSync}: they
 * never create a target row, which the running app inserts itself), upsert the values into the target in keyset
 * batches over the source's key (idempotent), gate the contract on a query that counts rows whose values are not
 * in the target, switch the app to the target, then drop the triggers, give the columns their defaults and drop
 * them from the source. Split ({@link SplitTableStrategy}) is the same move into a new table.
 */
public final class MoveColumnsStrategy implements ChangeStrategy {
    private static final Ident M = Ident.of("m");
    private static final Ident S = Ident.of("s");
    private final MoveColumns change;

    public MoveColumnsStrategy(MoveColumns change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        Table source = ctx.requireTable(change.table());
        Table target = ctx.requireTable(change.into());
        if (source.name().sameAs(target.name())) {
            throw StrategistException.invalid(what + ": the columns are already in " + source.name());
        }
        Ident key = Backfills.keyColumn(source);
        Ident targetKey = Backfills.keyColumn(target);
        if (MergeTableStrategy.link(target, targetKey, source, key).isEmpty()) {
            throw StrategistException.invalid(what + ": " + target.name() + " is not a 1:1 table of " + source.name()
                    + " (its primary key " + targetKey + " needs a foreign key to " + source.name() + "." + key
                    + "); to move columns into a new table, use 'split table'");
        }
        SplitTableStrategy.requireColumnsToMove(ctx, change.table(), change.columns(), key, what,
                "it stays in both tables");
        for (Ident c : change.columns()) {
            if (target.hasColumn(c)) {
                throw StrategistException.invalid(what + ": " + target.name() + " already has a column " + c
                        + "; rename one of them first");
            }
        }
        for (Column c : target.columns()) {
            if (!c.name().sameAs(targetKey) && !c.nullable() && c.defaultValue().isEmpty()) {
                throw StrategistException.invalid(what + ": " + target.name() + "." + c.name() + " is NOT NULL"
                        + " without a default, so the backfill cannot create the " + target.name() + " row of a "
                        + source.name() + " row that has none; give it a default first");
            }
        }
        SplitTableStrategy.requireMovable(ctx, source, change.columns(), what);
        Dependencies.checkColumns(ctx, change.describe(), change.table(), change.columns(),
                Dependencies.ColumnFate.DROPPED, null);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table source = ctx.requireTable(change.table());
        Table target = ctx.requireTable(change.into());
        Ident t = source.name();
        Ident into = target.name();
        Ident key = Backfills.keyColumn(source);
        Ident targetKey = Backfills.keyColumn(target);
        List<Column> moved = change.columns().stream().map(c -> source.column(c).orElseThrow()).toList();
        List<Ident> names = moved.stream().map(Column::name).toList();
        String list = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        List<Column> required = moved.stream().filter(c -> !c.nullable()).toList();
        MoveSync sync = new MoveSync(t, key, into, targetKey, names);
        Contribution.Builder out = Contribution.builder();

        // Expand: the columns on the target, the triggers, the source columns relaxed so the new app may leave
        // them out.
        List<Rendered> expand = new ArrayList<>(OneToOneSync.lockBoth(sql, t, into));
        AddColumns add = new AddColumns(into, moved.stream().map(c -> new Column(c.name(), c.type(), true, null))
                .toList(), sql.dialect().addColumnAlgorithm());
        expand.add(sql.noQueueOutsideTransactions(sql.r(add)));
        expand.addAll(sync.create(sql));
        List<Rendered> undo = new ArrayList<>(sync.drop(sql));
        undo.add(sql.dropColumns(into, names, sql.dialect().dropColumnAlgorithm()));
        if (!required.isEmpty()) {
            expand.addAll(sql.rAll(sql.dialect().dropNotNullAll(t, required)));
            undo.addAll(sql.rAll(sql.dialect().setNotNullAll(t, required)));
        }
        List<String> bullets = new ArrayList<>();
        bullets.add("Add " + list + " to `" + into + "` (nullable, no default while both shapes exist: a `" + into
                + "` row inserted without them takes them from its `" + t + "` row).");
        bullets.add("Install triggers " + sync.names(sql).stream().map(n -> "`" + n + "`")
                .collect(Collectors.joining(", ")) + ": until the contract every update of " + list + " in `" + t
                + "` reaches its `" + into + "` row when there is one, a `" + into + "` row inserted without them is"
                + " filled from `" + t + "`, and every write of them in `" + into + "` is copied back to `" + t
                + "`, so v1.0, v1.1 and v1.2 can each run beside the next. The triggers never create a `" + into
                + "` row (the app inserts those itself): the backfill creates the missing ones.");
        if (!required.isEmpty()) {
            bullets.add("Make " + required.stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "))
                    + " nullable in `" + t + "` (" + sql.dialect().dropNotNullRoute()
                    + "): the release that reads `" + into + "` no longer writes them there; they are dropped at the"
                    + " contract. They stay nullable in `" + into + "`: add NOT NULL afterwards (`set not null on "
                    + into + ".COLUMN`).");
        }
        String triggerLimit = sql.dialect().syncTriggerLimit();
        if (triggerLimit != null) {
            bullets.add(triggerLimit);
        }
        out.step(new SchemaStep(0, Phase.EXPAND, null, "move_columns", into.name(), String.join(", ",
                names.stream().map(Ident::name).toList()), bullets, expand,
                sql.dialect().addColumnsWithTriggerLock("`" + into + "`", "`" + t + "`"),
                true, sql.dialect().transactionalDdl(), List.of(),
                "`" + into + "` has " + list + ", kept in sync with `" + t + "` by triggers",
                Rollback.withSql("safe while no app version reads them from " + into + ": the values are still in "
                        + t, undo)));

        String tn = t.name();
        List<String> oldCols = names.stream().map(n -> tn + "." + n).toList();
        List<String> newCols = names.stream().map(n -> into + "." + n).toList();
        List<String> writesBoth = new ArrayList<>(oldCols);
        writesBoth.addAll(newCols);
        out.dualWrite(new AppInstruction("dual_write",
                List.of("Code updates to write " + list + " to BOTH `" + t + "` and `" + into + "` (upsert the `"
                                + into + "` row by `" + targetKey + "`: the backfill may have created it).",
                        "Read " + list + " from `" + t + "`."),
                oldCols, writesBoth, "it ignores the new columns of " + into,
                "the triggers keep copying the previous version's writes into the " + into + " rows that exist,"
                        + " and the backfill that follows creates the rest"));

        out.step(backfill(ctx, sql, t, key, into, targetKey, names, sync));

        out.switchOver(new AppInstruction("read_write_new_only",
                List.of("Code updates to read and write " + list + " ONLY in `" + into + "` (upsert its row by `"
                                + targetKey + "`).",
                        "The triggers copy every write back to `" + t + "`, so v1.1 can still run beside this version"
                                + " and a rollback to it is safe."),
                newCols, newCols, "it dual-writes and reads " + t,
                "the triggers copy every write of this version back to " + t + ", so reverting the code is safe"));

        List<Rendered> contract = new ArrayList<>(sync.drop(sql));
        // MySQL/MariaDB: no ALTER queues for its table's metadata lock either (the apps write both tables in one
        // transaction): measured with the rehearsal, a queued one was a metadata-lock deadlock for a v1.2 client
        for (Column c : moved) {
            c.defaultValue().ifPresent(d -> contract.add(sql.noQueueOutsideTransactions(
                    sql.setDefaultOnline(into, c.name(), d))));
        }
        contract.add(sql.noQueueOutsideTransactions(sql.dropColumns(t, names, sql.dialect().dropColumnAlgorithm())));
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_column", tn, String.join(", ",
                names.stream().map(Ident::name).toList()),
                List.of("Drop the sync triggers" + (moved.stream().anyMatch(c -> c.defaultValue().isPresent())
                        ? ", give the columns of `" + into + "` their defaults" : "") + ", then " + list + " from `"
                        + t + "`."),
                contract,
                sql.dialect().dropColumnsLock("`" + t + "` and `" + into + "`"),
                // one statement per transaction on every engine (as split and merge): v1.2 locks both tables in
                // either order (insert the main row then upsert the side row; upsert the side row, whose trigger
                // reads the main row), so a step holding one table's lock while it waits for the other's is a
                // deadlock (PostgreSQL 40P01, measured by KillMoveColumnsTest: 28 of 80 kill runs failed a v1.2 write)
                true, false,
                List.of("Execute only when v1.1 is fully retired from traffic."),
                "only `" + into + "` holds " + list,
                Rollback.irreversible("irreversible: the columns are gone from " + tn + "; run only when v1.1 is"
                        + " retired (before this step, rolling back is redeploying v1.1)"))
                .withVerify(sql.backfill(sync.differences(sql)).sql()));
        return out.build();
    }

    /**
     * Upserts the values of every source row that holds one (or whose target row differs) into the target, over
     * key ranges of the source: {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE} / {@code ON DUPLICATE KEY
     * UPDATE}, so a batch can be rerun.
     */
    private static BackfillStep backfill(PlanContext ctx, Sql sql, Ident t, Ident key, Ident into, Ident targetKey,
                                         List<Ident> names, MoveSync sync) {
        String k = sql.q(M) + "." + sql.q(key);
        List<Ident> targets = new ArrayList<>();
        targets.add(targetKey);
        targets.addAll(names);
        String select = "SELECT " + k + ", " + names.stream().map(n -> sql.q(M) + "." + sql.q(n))
                .collect(Collectors.joining(", ")) + " FROM " + sql.q(t) + " " + sql.q(M);
        String needs = "(" + sync.anyValue(sql, M) + " OR EXISTS (SELECT 1 FROM " + sql.q(into) + " " + sql.q(S)
                + " WHERE " + sql.q(S) + "." + sql.q(targetKey) + " = " + k + " AND " + sync.anyDiffers(sql, M, S)
                + "))";
        String head = "INSERT INTO " + sql.q(into) + " (" + sql.dialect().quoteAll(targets) + ") " + select;
        String upsert = " " + sql.dialect().upsertTail(targetKey, names);
        String plain = head + " WHERE " + needs + upsert;
        List<Ident> selected = new ArrayList<>();
        selected.add(key);
        selected.addAll(names);
        // the source rows locked in key order before they are read: the upsert overwrites the target's values, and
        // PostgreSQL's unlocked read (the statement's snapshot) wrote a value read before a client's newer write over
        // it, which the target's trigger then copied back to the source (measured with the rehearsal)
        InsertSelectBatch batch = new InsertSelectBatch(t, M, key, selected, needs, into, targets, targetKey,
                InsertSelectBatch.OnConflict.UPDATE, true);
        RenderedBackfill<CountRows> remainingQuery = sql.backfill(sync.differences(sql));
        String remaining = remainingQuery.sql();
        int size = ctx.options().batchSize();
        String cols = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        List<String> actions = new ArrayList<>(List.of(
                "Run this out-of-band in batches of " + ColumnSteps.count(size) + " to avoid long locks.",
                "Each batch is its own short transaction over a key range of " + t + "." + key + " (never OFFSET)"
                        + " and only touches rows whose values are not in `" + into + "` yet (" + sql.dialect().upsertWords() + " for the rows that exist), so a"
                        + " batch can be rerun and the copy resumed from the last key.",
                "Done when `" + remaining + "` returns 0."));
        if (sql.dialect().updatesLeaveDeadRows()) {
            actions.add("Afterwards run `VACUUM (ANALYZE) " + sql.q(into) + ";`: every updated row leaves a dead row"
                    + " version behind.");
        }
        return new BackfillStep(0, null, into.name(), names.stream().map(Ident::name)
                .collect(Collectors.joining(", ")),
                List.of("Copy " + cols + " of every `" + t + "` row that holds a value into its `" + into + "` row,"
                        + " creating the `" + into + "` rows that are missing.", "SQL: `" + plain + ";`"),
                plain, sql.batch(batch), sql.backfill(batch.nextKey()), remainingQuery, size, actions,
                "every `" + t + "` row's values are in `" + into + "`",
                Rollback.note("nothing to undo: " + t + " is untouched; the " + into + " rows the copy created have"
                        + " only the key and the moved values (the expand's rollback drops the columns, not the"
                        + " rows)"));
    }
}
