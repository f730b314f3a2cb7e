package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.StateAfter;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.Markdown;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.statement.Rendered;

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
        change.type().ifPresent(type -> {
            String what = change.describe();
            if (TypeChanges.same(table.column(change.column()).orElseThrow().type(), type)) {
                return; // a plain rename
            }
            for (Constraint c : table.constraintsOn(change.column())) {
                if (c instanceof Constraint.ForeignKey fk) {
                    throw StrategistException.invalid(what + ": foreign key " + (fk.name() == null ? ""
                            : fk.name() + " ") + "uses the column; changing the type of a foreign-key column is not"
                            + " supported yet (rename it, then change the type of the referenced and the"
                            + " referencing column together)");
                }
            }
        });
        Backfills.keyColumns(table);
        Backfills.checkSyncTrigger(ctx, table, change.describe());
        Dependencies.checkColumns(ctx, change.describe(), change.table(), java.util.List.of(change.column()),
                Dependencies.ColumnFate.RENAMED, change.newName(), ViewCarry.names(carriedViews(ctx, table)));
    }

    /** The views this rename recreates on the new column at the contract (none when the type changes too). */
    private List<ViewCarry.Carried> carriedViews(PlanContext ctx, Table table) {
        boolean converts = change.type().map(type -> !TypeChanges.same(
                table.column(change.column()).orElseThrow().type(), type)).orElse(false);
        return ctx.options().sync() == SyncMode.TRIGGER
                ? ViewCarry.forRename(ctx, table.name(), change.column(), change.newName(), converts) : List.of();
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
        DataType fromType = old.type();
        DataType toType = change.type().orElse(fromType);
        boolean converts = !TypeChanges.same(fromType, toType);
        // Trigger conversions never fail the app's write: a value that does not fit the other column's type
        // becomes NULL there (the expand's verify gate and the backfill's errors stop a lossy copy of old rows).
        SyncTrigger sync = converts
                ? new SyncTrigger(t, from, to, TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(from), fromType, toType),
                TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(to), toType, fromType))
                : SyncTrigger.copying(sql, t, from, to);
        boolean lossy = converts && TypeChanges.lossReason(fromType, toType).isPresent();
        boolean lossyBack = converts && TypeChanges.lossyBack(fromType, toType);

        Contribution.Builder out = Contribution.builder();

        // Expand: the new column, nullable, no default; the sync trigger beside it.
        Rendered addColumn = sql.addNullableColumn(t, to, toType.sql());
        List<Rendered> expandSql = new ArrayList<>();
        expandSql.add(addColumn);
        List<String> expandBullets = new ArrayList<>();
        expandBullets.add(converts ? "Add `" + toName + "` column as " + toType + " (`" + fromName + "` is " + fromType
                + "): the rename and the type change are one expand/contract, so no swap is needed."
                : "Add `" + toName + "` column.");
        List<Rendered> rollbackSql = new ArrayList<>();
        if (trigger) {
            expandSql.addAll(sync.create(sql));
            expandBullets.add("Install trigger `" + sync.name() + "`: until the contract it copies every write of `"
                    + fromName + "` to `" + toName + "` and of `" + toName + "` to `" + fromName
                    + "`" + (converts ? " (converted with `" + sync.toNew() + "` and `" + sync.toOld() + "`)" : "")
                    + ", so v1.0, v1.1 and v1.2 can each run beside the next and every rollback is safe.");
            rollbackSql.addAll(sync.drop(sql));
        }
        if (lossyBack) {
            expandBullets.add("A value written to `" + toName + "` that does not fit " + fromType + " becomes NULL in `"
                    + fromName + "` instead of failing the write: v1.1 reads NULL for it until the contract.");
        }
        rollbackSql.add(sql.dropColumn(t, to));
        out.step(new SchemaStep(0, Phase.EXPAND, null, "add_column", tn, toName, expandBullets, expandSql,
                sql.dialect().lockWords(OnlineDdl.INSTANT),
                true, sql.dialect().transactionalDdl(), List.of(),
                "`" + tn + "." + fromName + "` and `" + tn + "." + toName + "` (nullable)"
                        + (trigger ? ", kept in sync by trigger" : ""),
                Rollback.withSql("safe: nothing reads " + toName + " yet", rollbackSql))
                .withVerifySql(lossy ? TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(from), fromType, toType) : null));

        // Release 1: dual write, read old.
        out.dualWrite(new AppInstruction("dual_write",
                List.of("Code updates to write to BOTH `" + fromName + "` and `" + toName + "`"
                                + (converts ? " (`" + toName + "` as " + toType + ")." : "."),
                        "Read from `" + fromName + "`."),
                List.of(tn + "." + fromName), List.of(tn + "." + fromName, tn + "." + toName),
                "it ignores " + toName,
                trigger ? "the trigger keeps filling " + toName + " from every write the previous version makes"
                        : "the backfill fills " + toName + " for every row the previous version wrote"));

        // Backfill: copy old rows.
        String source = converts ? TypeChanges.convert(sql.dialect(), sql.q(from), fromType, toType) : sql.q(from);
        String plain = "UPDATE " + sql.q(t) + " SET " + sql.q(to) + " = " + source;
        List<String> backfillBullets = new ArrayList<>();
        backfillBullets.add("Copy `" + fromName + "` into `" + toName + "`" + (converts ? " as " + toType : "")
                + " for the rows written before the expand.");
        backfillBullets.add("SQL: " + Markdown.code(plain + " WHERE " + sql.q(to) + " IS NULL;"));
        if (lossy) {
            TypeChanges.lossReason(fromType, toType).ifPresent(reason -> backfillBullets.add("Lossy: " + reason
                    + "; the expand's verify query counted them. A value that does not fit stops the batch with an"
                    + " error instead of being cut"
                    + (TypeChanges.family(toType) == TypeChanges.Family.NUMERIC ? " (numeric scale is rounded)" : "")
                    + "."));
        }
        out.step(Backfills.copy(ctx, table, to, source, plain, backfillBullets,
                "every row has `" + toName + "` = `" + fromName + "`" + (converts ? " as " + toType : ""),
                Rollback.note("nothing to undo: " + fromName + " is untouched")));

        // Constrain: what the old column guaranteed, rebuilt on the new one, after the backfill.
        Column target = old.withName(to).withType(toType);
        if (!old.nullable()) {
            List<Rendered> nn = new ArrayList<>(sql.setNotNull(t, target));
            boolean viaCheck = sql.dialect().notNullViaValidCheck();
            boolean beforeTriggers = sql.dialect().checksNotNullBeforeTriggers();
            List<Rendered> undo = new ArrayList<>();
            if (viaCheck) {
                undo.add(sql.dropConstraintIfExists(t, Names.constraint(t, to, "not_null")));
            }
            undo.add(sql.dropNotNull(t, target));
            if (!beforeTriggers && lossyBack) {
                // v1.2 may write a value that does not fit the old type: the trigger gives the old column NULL.
                nn.add(sql.dropNotNull(t, old));
                undo.add(0, sql.setNotNullDirect(t, old));
            }
            if (beforeTriggers) {
                // MariaDB 10.11.5 (not 10.11.19; both measured) refuses an INSERT that leaves out a NOT NULL
                // column without a default ("Field 'full_name' doesn't have a default value") before the BEFORE
                // trigger could fill it. So the new column gets the old one's default now, and the old column
                // turns nullable for the rest of its life: v1.2 leaves it out, the trigger still fills it.
                nn = List.of(sql.modifyColumns(t, List.of(target, old.withNullable(true))));
                undo = List.of(sql.modifyColumns(t, List.of(target.withNullable(true).withDefault(null), old)));
            }
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "set_not_null", tn, toName,
                    java.util.stream.Stream.of("Make `" + toName + "` NOT NULL like `" + fromName + "`"
                            + (viaCheck
                            ? ": a NOT VALID check, validated without blocking writes, lets SET NOT NULL skip its"
                            + " scan. Run each statement in its own transaction: inside one, the ACCESS EXCLUSIVE"
                            + " lock of the first would be held through the validation scan."
                            : !beforeTriggers ? "." : ", with its default; `" + fromName + "` becomes nullable"
                            + " until the contract (the trigger still fills it), so no server refuses an insert"
                            + " that leaves it out."), !beforeTriggers && lossyBack ? "Then make `" + fromName
                            + "` nullable (catalog only): from the next release on, a value written to `" + toName
                            + "` that does not fit " + fromType + " reaches `" + fromName + "` as NULL." : null)
                            .filter(java.util.Objects::nonNull).toList(),
                    nn,
                    sql.dialect().copiedNotNullLock(),
                    true, sql.dialect().transactionalDdl() && !viaCheck,
                    beforeTriggers && old.defaultValue().isPresent()
                            ? List.of("Run only when v1.0 is fully retired: an insert that leaves `" + toName
                            + "` out now gets its default, which the trigger cannot tell from a value v1.0 never"
                            + " wrote, and copies it over `" + fromName + "`.")
                            : List.of(),
                    "`" + tn + "." + toName + "` NOT NULL",
                    Rollback.withSql("make " + toName + " nullable again", undo)));
        }
        List<IndexCopies.Copy> indexCopies = IndexCopies.of(table, from, to, change.describe());
        for (IndexCopies.Copy c : indexCopies) {
            Index copy = c.copy();
            out.step(IndexCopies.step(ctx, sql, t, copy, "Build index `" + copy.name() + "` on `" + toName
                    + "` to match `" + c.original().name() + "` (dropped with `" + fromName + "` at the contract).",
                    "index `" + copy.name() + "` on `" + copy.table() + "`"));
        }
        if (!converts) {
            for (Constraint c : table.constraintsOn(from)) {
                if (c instanceof Constraint.Check check) {
                    checkCopySteps(ctx, sql, t, StateAfter.renamedCheck(t, check, from, to), check).forEach(out::step);
                }
            }
        }
        for (Constraint c : table.constraintsOn(from)) {
            if (c instanceof Constraint.Unique unique) {
                Constraint.Unique copy = StateAfter.renamedUnique(t, unique, from, to);
                if (sql.dialect().uniqueIsConstraint()) {
                    out.step(uniqueConstraintStep(sql, t, copy, unique));
                } else {
                    out.step(indexStep(sql, tn, new Index(copy.name(), t, copy.columns(), true, null, null, true),
                            "Build unique index `" + copy.name() + "` on `" + toName + "` to match `"
                                    + describe(unique) + "` (dropped with `" + fromName + "` at the contract)."));
                }
            } else if (c instanceof Constraint.ForeignKey fk) {
                out.step(foreignKeyStep(sql, table, StateAfter.renamedForeignKey(t, fk, from, to), fk, to));
            }
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

        // Release 3, --sync app only: v1.2 writes the old column, so it must be gone before the contract drops it.
        if (keepWritingOld) {
            out.stopOld(new AppInstruction("write_new_only",
                    List.of("Code updates to stop writing `" + fromName + "`: read and write ONLY `" + toName + "`.",
                            "From here `" + fromName + "` is no longer current: rolling back past v1.2 (to v1.1,"
                                    + " which reads it) is no longer safe."),
                    List.of(tn + "." + toName), List.of(tn + "." + toName),
                    "it reads only " + toName + ", which this version keeps writing",
                    "v1.2 reads only " + toName + ", which this version writes"));
        }

        // Contract, first: the views that read the old column move to the new one, so the drop leaves them working.
        List<ViewCarry.Carried> views = carriedViews(ctx, table);
        if (!views.isEmpty()) {
            out.step(ViewCarry.step(sql, t, from, to, views));
        }

        // Contract: drop the trigger, move the default, drop the old column.
        List<Rendered> contractSql = new ArrayList<>();
        if (trigger) {
            contractSql.addAll(sync.drop(sql));
        }
        old.defaultValue().ifPresent(d -> contractSql.add(sql.setDefault(t, to, d)));
        // MySQL/MariaDB refuse to drop a column a foreign key uses, shrink (not drop) a multi-column index that
        // includes it, and cannot drop an indexed column INSTANT: the dialect drops those first (none on PostgreSQL).
        contractSql.addAll(sql.dropsBeforeColumn(table, from));
        contractSql.add(sql.dropColumn(t, from));
        // The copies were built beside the originals under other names; with the originals gone they take the
        // names State B gives them (the column's name replaced in the original's name, else the original's name).
        List<String> renamedCopies = new ArrayList<>();
        for (IndexCopies.Copy c : indexCopies) {
            Ident last = Names.afterColumnRename(c.original().name(), from, to);
            if (!last.name().equals(c.copy().name().name())) {
                contractSql.add(sql.renameIndex(t, c.copy().name(), last));
                renamedCopies.add("`" + c.copy().name() + "` to `" + last + "`");
            }
        }
        List<String> contractBullets = new ArrayList<>(trigger
                ? List.of("Drop trigger `" + sync.name() + "`, then the old column `" + fromName + "`.")
                : List.of("Drop the old column `" + fromName + "`."));
        if (!renamedCopies.isEmpty()) {
            contractBullets.add("Rename the index copies to the names of the indexes they replace (catalog only): "
                    + String.join(", ", renamedCopies) + ".");
        }
        out.step(new SchemaStep(0, Phase.CONTRACT, null, "drop_column", tn, fromName,
                contractBullets,
                ColumnSteps.lockingPartitions(sql, table, contractSql),
                sql.dialect().dropColumnsLock(null),
                true, sql.dialect().transactionalDdl(),
                keepWritingOld ? List.of("Execute only when v1.1 and v1.2 are fully retired from traffic: both still"
                        + " write `" + fromName + "`.") : List.of("Execute only when v1.1 is fully retired from traffic."),
                "only `" + tn + "." + toName + "`",
                Rollback.irreversible("irreversible: the values of " + fromName + " are gone; run only when "
                        + (keepWritingOld ? "v1.1 and v1.2 are" : "v1.1 is") + " retired (before this step, rolling"
                        + " back is redeploying " + (keepWritingOld ? "v1.2" : "v1.1") + ")"),
                // --sync app: once v1.3 writes only the new column, the old one differs by design; what must hold
                // is that no value of the old column is missing from the new one
                keepWritingOld ? Verify.missing(sql, t, to, from) : null));

        for (Constraint c : table.constraintsOn(from)) {
            if (c instanceof Constraint.ForeignKey fk && fk.name() == null && !sql.dialect().predictsForeignKeyNames()) {
                out.finding(new Finding("rename-column-unnamed-foreign-key", Severity.WARNING, tn,
                        "the foreign key on " + tn + "." + fromName + " has no name in the schema; the contract"
                                + " drops it as " + Names.constraint(t, from, "fkey") + ", but the server named it"
                                + " itself (e.g. " + tn + "_ibfk_1).",
                        "Put the key's real name (SHOW CREATE TABLE " + tn + ") in the schema and plan again.",
                        null));
            }
            if (c instanceof Constraint.Check check && converts) {
                out.finding(new Finding("rename-column-check", Severity.WARNING, tn,
                        "check constraint " + check.name() + " on " + tn + " uses " + fromName
                                + " and is dropped with it at the contract: it is not rebuilt on " + toName
                                + ", whose type is " + toType + " (the check was written for " + fromType + ").",
                        "Plan the same check on " + toName + " with this change (add check NAME on " + tn + " (...)"
                                + " naming " + toName + "): it runs after the backfill, " + sql.dialect().addCheckRoute() + ".", null));
            }
        }
        return out.build();
    }

    /**
     * The steps that rebuild check {@code original} on the new column as {@code copy}, after the backfill: the add
     * check plan of the dialect (NOT VALID then VALIDATE on PostgreSQL; a table copy on MySQL/MariaDB, through an
     * online schema-change tool on a large table), all in the CONSTRAIN phase, since a row the backfill has not yet
     * reached would fail a check on the new column as soon as any write touched it. A check that State A holds
     * NOT VALID is copied NOT VALID (existing rows are not proven either way).
     */
    private static List<SchemaStep> checkCopySteps(PlanContext ctx, Sql sql, Ident t, Constraint.Check copy,
                                                   Constraint.Check original) {
        if (!original.valid()) {
            return List.of(new SchemaStep(0, Phase.CONSTRAIN, null, "add_check", t.name(), copy.name().name(),
                    List.of("Rebuild check `" + original.name() + "` on the new column as `" + copy.name()
                            + "`, NOT VALID like the original: new writes are checked, existing rows are not"
                            + " scanned."),
                    List.of(sql.r(new dev.migrationstrategist.statement.AddConstraint(t, copy, true, null))),
                    "ACCESS EXCLUSIVE on `" + t.name() + "` for milliseconds (no scan)", true, true, List.of(),
                    "check `" + copy.name() + "` on `" + t.name() + "` (NOT VALID)",
                    Rollback.withSql("safe: only removes the check",
                            List.of(sql.dropConstraintIfExists(t, copy.name())))));
        }
        Contribution add = new AddCheckStrategy(new dev.migrationstrategist.change.AddCheck(t, copy.name(),
                copy.expression())).plan(ctx);
        return add.steps().stream().map(SchemaStep.class::cast)
                .map(s -> s.phase() == Phase.EXPAND ? s.inPhase(Phase.CONSTRAIN) : s).toList();
    }

    private static String describe(Constraint c) {
        return c.name() == null ? "UNIQUE (" + c.columns().stream().map(Ident::name)
                .collect(java.util.stream.Collectors.joining(", ")) + ")" : c.name().name();
    }

    private static SchemaStep indexStep(Sql sql, String tn, Index copy, String bullet) {
        return new SchemaStep(0, Phase.CONSTRAIN, null, "create_index", tn, copy.name().name(),
                List.of(bullet),
                List.of(sql.createIndexOnline(copy)),
                sql.dialect().indexCopyLock(),
                sql.dialect().onlineIndexBlocks(), false, List.of(), "index `" + copy.name() + "` on `" + copy.table() + "`",
                Rollback.withSql("drop the new index", List.of(sql.dropIndexOnline(copy))));
    }

    /** PostgreSQL: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (LOCKS.md). */
    private static SchemaStep uniqueConstraintStep(Sql sql, Ident t, Constraint.Unique copy, Constraint.Unique old) {
        Index index = new Index(copy.name(), t, copy.columns(), true, null, null, true);
        return new SchemaStep(0, Phase.CONSTRAIN, null, "add_unique_constraint", t.name(), copy.name().name(),
                List.of("Rebuild unique constraint `" + describe(old) + "` on the new column as `" + copy.name()
                                + "`: build its index CONCURRENTLY (writes go on), then attach it as the constraint"
                                + " (catalog only). Plain ADD CONSTRAINT UNIQUE would block reads and writes for"
                                + " the whole index build.",
                        "If the index build fails it leaves an INVALID index behind: run the rollback, then the"
                                + " step again."),
                List.of(sql.createIndexOnline(index), sql.addUniqueUsingIndex(t, copy.name(), index.name())),
                "SHARE UPDATE EXCLUSIVE for the build (reads and writes go on); ACCESS EXCLUSIVE for milliseconds"
                        + " to attach it",
                true, false, List.of(), "unique constraint `" + copy.name() + "`",
                Rollback.withSql("drop the new constraint and its index",
                        List.of(sql.dropConstraintIfExists(t, copy.name()), sql.dropIndexOnline(index))));
    }

    /**
     * The foreign key of the old column, rebuilt on the new one: NOT VALID + VALIDATE on PostgreSQL; on
     * MySQL/MariaDB an in-place ADD with foreign_key_checks = 0 and an orphan check (the ALTER does not check the
     * existing rows). The trigger (or the dual-writing app) keeps the new column equal to the old one, which the
     * old key checks, so the orphan check is a safety net, not a hope.
     */
    private static SchemaStep foreignKeyStep(Sql sql, Table table, Constraint.ForeignKey copy,
                                             Constraint.ForeignKey old, Ident to) {
        Ident t = table.name();
        List<Rendered> undo = new ArrayList<>();
        undo.add(sql.dropForeignKey(t, copy.name()));
        boolean serverBuildsIndex = sql.dialect().foreignKeyBuildsIndex() && table.indexes().stream()
                .noneMatch(i -> !i.columns().isEmpty() && i.columns().get(0).sameAs(old.columns().get(0)));
        if (serverBuildsIndex) {
            // MySQL/MariaDB create an index named after the key when none leads with its column; it stays
            // after DROP FOREIGN KEY.
            undo.add(sql.dropIndexOnline(new Index(copy.name(), t, copy.columns(), false, null, null, true)));
        }
        List<String> actions = sql.dialect().validatesConstraintsLater() ? List.of()
                : List.of("Then check the existing rows, which the ALTER did not: `" + sql.orphanCount(t, copy)
                + "` must return 0; if not, fix those rows (or run the rollback) before going on.");
        return new SchemaStep(0, Phase.CONSTRAIN, null, "add_foreign_key", t.name(), copy.name().name(),
                List.of("Rebuild foreign key `" + (old.name() == null ? "on " + old.columns() : old.name())
                        + "` on `" + to + "` as `" + copy.name() + "`" + sql.dialect().foreignKeyOnlineRoute()),
                sql.addForeignKeyOnline(t, copy),
                sql.dialect().foreignKeyOnlineLock(),
                true, false, actions, "foreign key `" + copy.name() + "` on `" + to + "`",
                Rollback.withSql("drop the new foreign key", undo));
    }
}
