package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.guard.Finding;
import dev.migrationstrategist.guard.Severity;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Rename a column by expand and contract: add the new column, keep both in sync (a trigger by default, the app
 * with {@code --sync app}), backfill in batches, rebuild NOT NULL and indexes on the new column, switch the app,
 * then drop the old column once no running version uses it.
 */
public final class RenameColumnStrategy implements ChangeStrategy {
    private final RenameColumn change;

    public RenameColumnStrategy(RenameColumn change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        ctx.requireColumn(change.table(), change.column());
        if (change.column().sameAs(change.newName())) {
            throw StrategistException.invalid("rename column " + change.table() + "." + change.column()
                    + ": the new name is the same as the old one");
        }
        if (table.hasColumn(change.newName())) {
            throw StrategistException.invalid("rename column " + change.table() + "." + change.column() + " to "
                    + change.newName() + ": table " + change.table() + " already has a column " + change.newName());
        }
        if (table.primaryKey().map(pk -> pk.covers(change.column())).orElse(false)) {
            throw StrategistException.invalid("rename column " + change.table() + "." + change.column()
                    + ": it is part of the primary key; renaming a key column by expand/contract is not supported"
                    + " yet (the key cannot be kept in two columns)");
        }
        for (Table other : ctx.schema().tables()) {
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(change.table())
                        && fk.referencedColumns().stream().anyMatch(col -> col.sameAs(change.column()))) {
                    throw StrategistException.invalid("rename column " + change.table() + "." + change.column()
                            + ": foreign key " + fk.name() + " on " + other.name() + " references it; renaming a"
                            + " referenced column is not supported yet");
                }
            }
        }
        Backfills.keyColumn(table);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Column old = ctx.requireColumn(change.table(), change.column());
        Ident t = table.name();
        Ident from = old.name();
        Ident to = change.newName();
        String tn = t.name();
        String fromName = from.name();
        String toName = to.name();
        boolean trigger = ctx.options().sync() == SyncMode.TRIGGER;
        SyncTrigger sync = SyncTrigger.copying(sql, t, from, to);

        Contribution.Builder out = Contribution.builder();

        // Expand: the new column, nullable, no default; the sync trigger beside it.
        String addColumn = sql.addNullableColumn(t, to, old.type().sql());
        List<String> expandSql = new ArrayList<>();
        expandSql.add(addColumn);
        List<String> expandBullets = new ArrayList<>();
        expandBullets.add("Add `" + toName + "` column.");
        List<String> rollbackSql = new ArrayList<>();
        if (trigger) {
            expandSql.addAll(sync.create(sql));
            expandBullets.add("Install trigger `" + sync.name() + "`: until the contract it copies every write of `"
                    + fromName + "` to `" + toName + "` and of `" + toName + "` to `" + fromName
                    + "`, so v1.0, v1.1 and v1.2 can each run beside the next and every rollback is safe.");
            rollbackSql.addAll(sync.drop(sql));
        }
        rollbackSql.add(sql.dropColumn(t, to));
        out.step(new SchemaStep(0, Phase.EXPAND, null, "add_column", tn, toName, expandBullets, expandSql,
                sql.postgres() ? "ACCESS EXCLUSIVE, catalog only (milliseconds)"
                        : "exclusive metadata lock, instant (milliseconds)",
                true, sql.dialect().transactionalDdl(), List.of(),
                "`" + tn + "." + fromName + "` and `" + tn + "." + toName + "` (nullable)"
                        + (trigger ? ", kept in sync by trigger" : ""),
                Rollback.withSql("safe: nothing reads " + toName + " yet", rollbackSql)));

        // Release 1: dual write, read old.
        out.dualWrite(new AppInstruction("dual_write",
                List.of("Code updates to write to BOTH `" + fromName + "` and `" + toName + "`.",
                        "Read from `" + fromName + "`."),
                List.of(tn + "." + fromName), List.of(tn + "." + fromName, tn + "." + toName),
                "it ignores " + toName,
                trigger ? "the trigger keeps filling " + toName + " from every write the previous version makes"
                        : "the backfill fills " + toName + " for every row the previous version wrote"));

        // Backfill: copy old rows.
        String plain = "UPDATE " + sql.q(t) + " SET " + sql.q(to) + " = " + sql.q(from);
        out.step(Backfills.copy(ctx, table, to, sql.q(from), plain,
                List.of("Copy `" + fromName + "` into `" + toName + "` for the rows written before the expand.",
                        "SQL: `" + plain + " WHERE " + sql.q(to) + " IS NULL;`"),
                "every row has `" + toName + "` = `" + fromName + "`",
                Rollback.note("nothing to undo: " + fromName + " is untouched")));

        // Constrain: what the old column guaranteed, rebuilt on the new one, after the backfill.
        Column target = old.withName(to);
        if (!old.nullable()) {
            List<String> nn = sql.setNotNull(t, target);
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "set_not_null", tn, toName,
                    List.of("Make `" + toName + "` NOT NULL like `" + fromName + "`"
                            + (sql.postgres() && sql.pg().notNullFromValidCheck()
                            ? ": a NOT VALID check, validated without blocking writes, lets SET NOT NULL skip its scan."
                            : ".")),
                    nn,
                    sql.postgres() ? "ACCESS EXCLUSIVE for milliseconds; VALIDATE takes SHARE UPDATE EXCLUSIVE"
                            + " (reads and writes go on)" : "in-place rebuild, LOCK=NONE (reads and writes go on)",
                    true, sql.dialect().transactionalDdl(), List.of(), "`" + tn + "." + toName + "` NOT NULL",
                    Rollback.withSql("drop the constraint again", List.of(sql.dropNotNull(t, target)))));
        }
        for (Index index : table.indexesOn(from)) {
            Index copy = new Index(Names.indexForRenamedColumn(index, from, to), t,
                    index.columns().stream().map(c -> c.sameAs(from) ? to : c).toList(), index.unique(),
                    index.method(), index.where(), true);
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "create_index", tn, copy.name().name(),
                    List.of("Build index `" + copy.name() + "` on `" + toName + "` to match `" + index.name() + "`"
                            + " (dropped with `" + fromName + "` at the contract)."),
                    List.of(sql.createIndexOnline(copy)),
                    sql.postgres() ? "SHARE UPDATE EXCLUSIVE (reads and writes go on)"
                            : "in-place, LOCK=NONE (reads and writes go on)",
                    !sql.postgres(), false, List.of(), "index `" + copy.name() + "` on `" + toName + "`",
                    Rollback.withSql("drop the new index", List.of(sql.dropIndexOnline(copy)))));
        }

        // Release 2: switch to the new column only.
        boolean keepWritingOld = !trigger;
        out.switchOver(new AppInstruction(keepWritingOld ? "read_new_write_both" : "read_write_new_only",
                keepWritingOld
                        ? List.of("Code updates to read from `" + toName + "` only.",
                        "Keep writing BOTH `" + toName + "` and `" + fromName + "` until the contract step: with"
                                + " --sync app nothing else keeps `" + fromName + "` current for a rollback to v1.1.")
                        : List.of("Code updates to read/write ONLY to `" + toName + "`.",
                        "The trigger keeps `" + fromName + "` in sync with every write, so v1.1 can still run beside"
                                + " this version and a rollback to it is safe."),
                List.of(tn + "." + toName),
                keepWritingOld ? List.of(tn + "." + toName, tn + "." + fromName) : List.of(tn + "." + toName),
                "it dual-writes and reads " + fromName,
                keepWritingOld ? "this version keeps writing " + fromName + " too, so it is current"
                        : "data is still dual-written to " + fromName + " by the sync trigger, so reverting the code"
                        + " is safe"));

        // Contract: drop the trigger, move the default, drop the old column.
        List<String> contractSql = new ArrayList<>();
        if (trigger) {
            contractSql.addAll(sync.drop(sql));
        }
        old.defaultValue().ifPresent(d -> contractSql.add(sql.setDefault(t, to, d)));
        contractSql.add(sql.dropColumn(t, from));
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_column", tn, fromName,
                trigger ? List.of("Drop trigger `" + sync.name() + "`, then the old column `" + fromName + "`.")
                        : List.of("Drop the old column `" + fromName + "`."),
                contractSql,
                sql.postgres() ? "ACCESS EXCLUSIVE, catalog only (milliseconds)"
                        : "exclusive metadata lock, " + (sql.my().dropColumnAlgorithm().name().equals("INSTANT")
                        ? "instant" : "in-place rebuild with LOCK=NONE"),
                true, sql.dialect().transactionalDdl(),
                List.of("Execute only when v1.1 is fully retired from traffic."),
                "only `" + tn + "." + toName + "`",
                Rollback.irreversible("irreversible: the values of " + fromName + " are gone; run only when v1.1 is"
                        + " retired (before this step, rolling back is redeploying v1.1)")));

        for (Constraint c : table.constraintsOn(from)) {
            if (c instanceof Constraint.Check check) {
                out.finding(new Finding("rename-column-check", Severity.WARNING, tn,
                        "check constraint " + check.name() + " on " + tn + " uses " + fromName
                                + " and is dropped with it at the contract.",
                        "Add the same check on " + toName + " (NOT VALID, then VALIDATE) after the backfill.", null));
            }
        }
        return out.build();
    }
}
