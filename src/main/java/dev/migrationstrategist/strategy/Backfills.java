package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.StateAfter;
import dev.migrationstrategist.plan.Markdown;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.Assignment;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.RenderedBackfill;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds keyset-batched, idempotent copy steps: {@code SET target = source} over primary-key ranges. */
public final class Backfills {
    /** The single-column primary key a keyset backfill ranges over, or a user error saying why there is none. */
    public static Ident keyColumn(Table table) {
        return StateAfter.keyColumn(table);
    }

    /**
     * The primary key a keyset backfill ranges over, one column or several (a partitioned PostgreSQL table's key
     * includes its partition key), or a user error when the table has none.
     */
    public static List<Ident> keyColumns(Table table) {
        var pk = table.primaryKey().orElseThrow(() -> StrategistException.invalid(
                "table " + table.name() + " has no primary key in the schema: a batched backfill ranges over a"
                        + " unique, ordered key; add a primary key first"));
        return pk.columns();
    }

    private Backfills() {
    }

    /**
     * A user error when the plan's sync trigger cannot be created on {@code table}: a partitioned table on a server
     * that refuses BEFORE row triggers on one (PostgreSQL before 13).
     */
    public static void checkSyncTrigger(PlanContext ctx, Table table, String what) {
        if (table.partitioning().partitioned() && !ctx.dialect().rowTriggersOnPartitionedTables()
                && ctx.options().sync() == dev.migrationstrategist.plan.SyncMode.TRIGGER) {
            throw StrategistException.invalid(what + ": " + table.name() + " is partitioned, and "
                    + ctx.dialect().displayName() + " refuses the BEFORE row trigger that keeps the old and new column"
                    + " in sync on a partitioned table (accepted from PostgreSQL 13); plan with --sync app (the"
                    + " application writes both columns), or on PostgreSQL 13+");
        }
    }

    /**
     * A backfill that copies {@code sourceExpression} into {@code target} for every row where they differ.
     *
     * @param plainQuery the statement as a person would write it (the seed's {@code query})
     */
    public static BackfillStep copy(PlanContext ctx, Table table, Ident target, String sourceExpression,
                                    String plainQuery, List<String> bullets, String stateAfter, Rollback rollback) {
        Sql sql = new Sql(ctx.dialect());
        // "differs", not "target IS NULL": a row an old app version updated after its batch ran (with --sync app
        // nothing copies that write) is fixed by running the backfill again, so it converges to the remaining
        // check below instead of stopping short of it.
        String differs = ctx.dialect().distinct(sql.q(target), sourceExpression);
        return update(ctx, sql, table, target, sourceExpression, differs, plainQuery, bullets, List.of(),
                " (a full copy doubled a 1M-row table, 223 MB to 442 MB, in our measurements)", stateAfter, rollback);
    }

    /** {@code UPDATE t SET target = expression} over key ranges, for the rows where {@code predicate} holds. */
    private static BackfillStep update(PlanContext ctx, Sql sql, Table table, Ident target, String expression,
                                       String predicate, String plainQuery, List<String> bullets,
                                       List<String> extraActions, String vacuumNote, String stateAfter,
                                       Rollback rollback) {
        List<Ident> key = keyColumns(table);
        BackfillSideEffects side = BackfillSideEffects.of(ctx, table.name(), List.of(target));
        List<Assignment> assignments = new ArrayList<>(List.of(new Assignment(target, expression)));
        side.kept().forEach(c -> assignments.add(new Assignment(c, sql.q(c))));
        CopyBatch batch = CopyBatch.over(table.name(), key, ctx.dialect().keyComparison(), assignments, predicate,
                side.quiet());
        RenderedBackfill<CountRows> remaining = sql.backfill(CountRows.where(table.name(), predicate));
        int batchSize = ctx.options().batchSize();
        List<String> actions = batchActions(table, key, batchSize, remaining.sql());
        actions.addAll(side.actions());
        actions.addAll(extraActions);
        if (sql.dialect().updatesLeaveDeadRows()) {
            actions.add("Afterwards run " + Markdown.code("VACUUM (ANALYZE) " + sql.q(table.name()) + ";")
                    + ": every updated row leaves a dead row version behind" + vacuumNote + ".");
        }
        List<Ident> leaves = ctx.dialect().backfillsPerPartition() && table.partitioning().partitioned()
                ? PartitionTree.leaves(ctx.schema(), table.name()).stream().map(Table::name).toList() : List.of();
        if (!leaves.isEmpty()) {
            actions.add(1, partitionWalk(table, leaves));
        }
        return new BackfillStep(0, null, table.name().toString(), target.name(), bullets, plainQuery, sql.batch(batch),
                sql.backfill(batch.nextKey()), remaining, batchSize, actions, stateAfter, rollback)
                .perPartition(leaves);
    }

    /** The "Action:" line of a backfill that walks each leaf partition on its own. */
    private static String partitionWalk(Table table, List<Ident> leaves) {
        int shown = Math.min(leaves.size(), 6);
        String names = String.join(", ", leaves.subList(0, shown).stream().map(Ident::name).toList())
                + (leaves.size() > shown ? ", ... (" + leaves.size() + " in all)" : "");
        return "The batches walk each leaf partition of " + table.name() + " in turn (" + names + "), each with its own"
                + " key cursor and every batch addressed to the partition itself: a key bound on the parent prunes"
                + " no partition. The checkpoint records the partition and its key: a rerun resumes in that"
                + " partition and skips the finished ones. Partitions created after planning are walked too (apply"
                + " lists the leaves again from the catalog, the planned ones first); the count of rows still to fix"
                + " runs over the parent.";
    }

    /** The "Action:" lines every keyset backfill shares: batch size, keyset transactions, the done check. */
    private static List<String> batchActions(Table table, List<Ident> key, int batchSize, String remaining) {
        List<String> actions = new ArrayList<>();
        actions.add("Run this out-of-band in batches of " + NumberFormat.getIntegerInstance(Locale.US).format(batchSize)
                + " to avoid long locks.");
        actions.add("Each batch is its own short transaction over a key range of " + table.name() + "." + (key.size() == 1
                ? key.get(0) : "(" + String.join(", ", key.stream().map(Ident::name).toList()) + ")")
                + " (never OFFSET), idempotent and resumable from the last key done; pause between batches.");
        actions.add("Done when " + Markdown.code(remaining) + " returns 0.");
        return actions;
    }

    /**
     * A backfill that rewrites the value {@code from} of {@code target} as {@code to} (a renamed enum value's old
     * label), in the rows that still hold it. Done when no row holds {@code from}.
     */
    public static BackfillStep replaceValue(PlanContext ctx, Table table, Ident target, String from, String to,
                                            List<String> bullets, String stateAfter, Rollback rollback) {
        Sql sql = new Sql(ctx.dialect());
        String t = sql.q(table.name());
        String c = sql.q(target);
        String predicate = ctx.dialect().holds(c, from);
        String value = ctx.dialect().literal(to);
        String plain = "UPDATE " + t + " SET " + c + " = " + value + " WHERE " + predicate;
        return update(ctx, sql, table, target, value, predicate, plain, bullets, List.of(), "", stateAfter,
                rollback);
    }

    /**
     * A backfill that sets {@code target} to {@code expression} in every row where it is still NULL: a default
     * for rows written before the column had one, evaluated per row (so a volatile default gives each row its own
     * value). Done when no row has {@code target} NULL.
     */
    public static BackfillStep fillNulls(PlanContext ctx, Table table, Ident target, String expression,
                                         List<String> bullets, List<String> extraActions, String stateAfter,
                                         Rollback rollback) {
        Sql sql = new Sql(ctx.dialect());
        String t = sql.q(table.name());
        String c = sql.q(target);
        String plain = "UPDATE " + t + " SET " + c + " = " + expression + " WHERE " + c + " IS NULL";
        return update(ctx, sql, table, target, expression, c + " IS NULL", plain, bullets, extraActions, "",
                stateAfter, rollback);
    }
}
