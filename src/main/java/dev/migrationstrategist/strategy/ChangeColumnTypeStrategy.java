package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.dialect.EnumLists;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Guarded;
import dev.migrationstrategist.statement.ResyncColumn;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.ColumnDefaults;
import dev.migrationstrategist.statement.ColumnRename;
import dev.migrationstrategist.statement.DefaultChange;
import dev.migrationstrategist.statement.DropNotNull;
import dev.migrationstrategist.statement.LockTables;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.RenameColumns;
import dev.migrationstrategist.statement.UnlockTables;

import java.util.ArrayList;
import java.util.List;

/**
 * Change a column's type. In place where the server neither rewrites nor scans (PostgreSQL varchar growth, varchar
 * to text, numeric precision up; MySQL/MariaDB varchar growth within the same length prefix); the direct statement
 * on a small table; otherwise a new column kept in sync by a trigger with conversion expressions, a batched
 * backfill, and a swap that keeps the name the apps use (old column renamed aside, new one renamed into place, in
 * one short transaction), the old column dropped at the contract.
 */
public final class ChangeColumnTypeStrategy implements ChangeStrategy {
    /** How the type change is carried out. */
    public enum Path { IN_PLACE, DIRECT, SWAP }

    private final ChangeColumnType change;

    public ChangeColumnTypeStrategy(ChangeColumnType change) {
        this.change = change;
    }

    /** The path this change takes in this context (also read by the guardrails). */
    public static Path path(PlanContext ctx, Column column, DataType newType, Ident table) {
        if (TypeChanges.inPlace(ctx.dialect(), column.type(), newType)) {
            return Path.IN_PLACE;
        }
        return ctx.isLarge(table) ? Path.SWAP : Path.DIRECT;
    }

    /**
     * True when this large key change copies its table (and the tables referencing it) into shadow tables swapped in
     * by one rename (MySQL/MariaDB) instead of swapping a new column (also read by the guardrails).
     */
    public static boolean copiesTables(PlanContext ctx, Table table, Column column) {
        KeyTypeChange keys = KeyTypeChange.of(ctx, table, column);
        return keys.involvesKeys() && ctx.isLarge(table.name()) && KeyCopy.applies(ctx, keys);
    }

    @Override
    public void validate(PlanContext ctx) {
        Table table = ctx.requireTable(change.table());
        Column col = ctx.requireColumn(change.table(), change.column());
        String what = "change type of " + change.table() + "." + change.column() + " to " + change.newType();
        if (TypeChanges.same(col.type(), change.newType())) {
            throw StrategistException.invalid(what + ": the column already has type " + col.type());
        }
        KeyTypeChange keys = KeyTypeChange.of(ctx, table, col);
        if (keys.involvesKeys()) {
            keys.validate(ctx, change.newType(), !ctx.isLarge(table.name()), what);
            return;
        }
        if (path(ctx, col, change.newType(), table.name()) == Path.SWAP) {
            Backfills.keyColumns(table);
            Backfills.checkSyncTrigger(ctx, table, what);
        }
        Dependencies.checkColumns(ctx, change.describe(), change.table(), java.util.List.of(change.column()),
                Dependencies.ColumnFate.RETYPED, null);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table table = ctx.requireTable(change.table());
        Column col = ctx.requireColumn(change.table(), change.column());
        DataType to = change.newType();
        KeyTypeChange keys = KeyTypeChange.of(ctx, table, col);
        if (keys.involvesKeys() && !ctx.isLarge(table.name())) {
            return keyDirect(ctx, sql, keys, to);
        }
        if (keys.involvesKeys() && KeyCopy.applies(ctx, keys)) {
            return KeyCopy.plan(ctx, sql, keys, to);
        }
        return switch (path(ctx, col, to, table.name())) {
            case IN_PLACE -> inPlace(sql, table, col, to);
            case DIRECT -> direct(ctx, sql, table, col, to);
            case SWAP -> swap(ctx, sql, table, col, to);
        };
    }

    private Contribution inPlace(Sql sql, Table table, Column col, DataType to) {
        Ident t = table.name();
        String c = col.name().name();
        boolean enumAppend = sql.dialect().hasInlineEnums() && EnumLists.appendsWithinStorage(col.type(), to);
        OnlineDdl algorithm = sql.dialect().alterAlgorithm(TypeChanges.instantVarchar(sql.dialect())
                || enumAppend && sql.dialect().addColumnAlgorithm() == OnlineDdl.INSTANT
                ? OnlineDdl.INSTANT : OnlineDdl.INPLACE);
        Rendered statement = sql.r(sql.dialect().changeTypeInPlace(t, col, to, algorithm));
        // The way back is described from the same dialect fact as the way there: in place when the server changes
        // the reverse in the catalog only (PostgreSQL text back to unbounded varchar), else a rebuild.
        boolean backInPlace = TypeChanges.inPlace(sql.dialect(), to, col.type());
        OnlineDdl backAlgorithm = backInPlace ? sql.dialect().alterAlgorithm(OnlineDdl.INPLACE) : OnlineDdl.COPY;
        Rendered undo = sql.r(sql.dialect().changeTypeInPlace(t, col.withType(to), col.type(), backAlgorithm));
        String undoNote = backInPlace
                ? "change it back: " + uncapitalize(sql.dialect().inPlaceTypeChangeWhy(to, col.type(), backAlgorithm))
                : "change it back: that narrows, so it " + sql.dialect().tableRebuildVerb()
                + " the table under a lock that blocks writes and fails if a longer value was written"
                + " meanwhile; on a large table keep the wider type instead";
        String why = enumAppend
                ? "In place: the values are appended at the end of the " + col.type().base().toUpperCase(
                java.util.Locale.ROOT) + " list and its storage size stays the same, so " + (algorithm
                == OnlineDdl.INSTANT ? "ALGORITHM=INSTANT changes the metadata only."
                : "ALGORITHM=INPLACE, LOCK=NONE changes the metadata only.")
                : sql.dialect().inPlaceTypeChangeWhy(col.type(), to, algorithm);
        return Contribution.builder().step(ColumnSteps.step(Phase.EXPAND, "change_column_type", t, c,
                List.of("Change `" + c + "` from " + col.type() + " to " + to + ".", why),
                List.of(statement), sql.dialect().lockWords(algorithm), true,
                sql.dialect().transactionalDdl(), List.of(), "`" + t + "." + c + "` " + to,
                Rollback.withSql(undoNote, List.of(undo)))).build();
    }

    /** A sentence as the continuation of another: first letter small, no final period. */
    private static String uncapitalize(String sentence) {
        String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private Contribution direct(PlanContext ctx, Sql sql, Table table, Column col, DataType to) {
        Ident t = table.name();
        String c = col.name().name();
        DataType from = col.type();
        Rendered statement = sql.r(sql.dialect().changeTypeRebuilding(t, col, to));
        Rendered undo = sql.r(sql.dialect().changeTypeRebuilding(t, col.withType(to), from));
        return Contribution.builder().step(ColumnSteps.step(Phase.EXPAND, "change_column_type", t, c,
                List.of("Change `" + c + "` from " + from + " to " + to + ".",
                        ColumnSteps.smallTable(ctx, t, "the table " + sql.dialect().tableRebuildWord()
                                + " this type change needs")),
                List.of(statement),
                sql.dialect().smallTableRewriteLock(OnlineDdl.COPY),
                true, sql.dialect().transactionalDdl(), List.of(), "`" + t + "." + c + "` " + to,
                Rollback.withSql("change it back (fails, changing nothing, if a value written meanwhile does not"
                        + " fit " + from + ")", List.of(undo)))
                .withVerifySql(TypeChanges.lossReason(from, to).isPresent()
                        ? TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(col.name()), from, to) : null)).build();
    }

    /**
     * A key column and every column that references it, changed together with the direct statement on tables the
     * size rule calls small: one transaction on PostgreSQL (with the serial sequence widened); on MySQL/MariaDB,
     * which refuse to change a column a foreign key uses, the foreign keys are dropped first and added back once
     * both sides have the new type (with foreign_key_checks = 0, so the rows are not scanned again: the verify
     * query is the check).
     */
    private Contribution keyDirect(PlanContext ctx, Sql sql, KeyTypeChange keys, DataType to) {
        Table table = keys.table();
        Column col = keys.column();
        Ident t = table.name();
        String c = col.name().name();
        DataType from = col.type();
        boolean dropFks = sql.dialect().keyTypeChangeDropsForeignKeys();
        List<KeyTypeChange.Child> children = keys.children().stream()
                .filter(k -> dropFks || !TypeChanges.same(k.column().type(), to)
                        && TypeChanges.lossReason(k.column().type(), to).isEmpty())
                .filter(k -> !TypeChanges.same(k.column().type(), to) || dropFks)
                .toList();
        for (KeyTypeChange.Child k : children) {
            if (dropFks && k.foreignKey().name() == null) {
                throw StrategistException.invalid("change type of " + t + "." + c + ": the foreign key on "
                        + k.table().name() + "." + k.column().name() + " has no name in the schema, and it must be"
                        + " dropped and added back; name it in State A (read the live database with --db)");
            }
        }
        List<Rendered> forward = keyStatements(sql, keys, children, from, to, dropFks);
        List<Rendered> back = keyStatements(sql, keys, children, to, from, dropFks);
        List<String> bullets = new ArrayList<>();
        bullets.add("Change `" + c + "` from " + from + " to " + to + (children.isEmpty() ? "." : ", and with it "
                + String.join(", ", children.stream().map(k -> "`" + k.table().name() + "." + k.column().name()
                + "`").toList()) + ", which reference it" + (dropFks ? " (InnoDB requires the same type on both"
                + " sides)" : " (so they can hold every value the key can take)") + "."));
        if (dropFks && !children.isEmpty()) {
            bullets.add(lockedFor(ctx, keys.tables()));
        }
        if (dropFks && !children.isEmpty()) {
            bullets.add("InnoDB refuses to change a column a foreign key uses, even with foreign_key_checks = 0"
                    + " (errors 1832/1833, measured on MariaDB 10.11): the foreign keys are dropped, both sides"
                    + " changed, and the foreign keys added back with foreign_key_checks = 0 (no scan); a row"
                    + " written in between is not checked: the verify query is the check.");
        }
        sql.dialect().widenNumbering(t, col, to).ifPresent(s -> bullets.add("The sequence behind `" + c + "`'s"
                + " default keeps its old type (and its old maximum) when the column changes: it is widened too."));
        bullets.add(ColumnSteps.smallTable(ctx, t, "rewriting " + (keys.tables().size() == 1 ? "the table"
                : "these " + keys.tables().size() + " tables")));
        String verify = TypeChanges.lossReason(from, to).isPresent()
                ? TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(col.name()), from, to)
                : dropFks && !children.isEmpty() ? Verify.total(children.stream().map(k -> Verify.orphans(sql,
                k.table().name(), k.foreignKey().columns(), t, k.foreignKey().referencedColumns())).toList()) : null;
        return Contribution.builder().step(ColumnSteps.step(Phase.EXPAND, "change_column_type", t, c, bullets,
                forward, sql.dialect().smallTableRewriteLock(OnlineDdl.COPY)
                        + (keys.tables().size() > 1 ? ", on each of " + String.join(", ", keys.tables().stream()
                        .map(x -> "`" + x + "`").toList()) : ""),
                true, sql.dialect().transactionalDdl(), dropFks && !children.isEmpty()
                        ? List.of("Run the verify query again right after this step: it must still return 0 (a row"
                        + " written between DROP FOREIGN KEY and ADD CONSTRAINT was not checked); if it does not, fix"
                        + " those rows.") : List.of(), "`" + t + "." + c + "` " + to
                        + (children.isEmpty() ? "" : " and the columns that reference it"),
                Rollback.withSql("change them back (fails, changing nothing" + (sql.dialect().transactionalDdl() ? ""
                        : " on the table it stops at") + ", if a value written meanwhile does not fit " + from + ")",
                        back)).withVerifySql(verify)).build();
    }

    /**
     * What the direct key change locks on MySQL/MariaDB and for about how long: each table is copied in turn under
     * LOCK=SHARED, estimated from its row count at the rate measured for this route (MariaDB 10.11, 200,000 + 5,000
     * rows copied in 2.5 s under 3 writers: 12 microseconds a row; docs/measurements.md).
     */
    private static String lockedFor(PlanContext ctx, List<Ident> tables) {
        List<String> each = new ArrayList<>();
        double total = 0;
        for (Ident t : tables) {
            long rows = ctx.rows(t).orElse(0L);
            double seconds = rows * 12e-6;
            total += seconds;
            each.add("`" + t + "` (" + ColumnSteps.count(rows) + " rows, " + seconds(seconds) + ")");
        }
        return "Locked: the tables are copied one after the other, " + String.join(", then ", each) + "; during its"
                + " copy a table is read as usual but its writes wait (LOCK=SHARED), so each table's writers wait"
                + " about that long (the lock timeout bounds only the wait for a copy to start). From the DROP FOREIGN"
                + " KEY to the ADD CONSTRAINT, " + seconds(total) + ", the child's writes are not checked"
                + " against the parent (the verify query is run again afterwards). Estimated at 12 microseconds a row"
                + " (measured on MariaDB 10.11 for this route); the server's speed decides.";
    }

    private static String seconds(double s) {
        return s < 1 ? "under a second" : String.format(java.util.Locale.ROOT, "about %.0f s", Math.ceil(s));
    }

    private static List<Rendered> keyStatements(Sql sql, KeyTypeChange keys, List<KeyTypeChange.Child> children,
                                                DataType from, DataType to, boolean dropFks) {
        List<Rendered> out = new ArrayList<>();
        Ident t = keys.table().name();
        List<Constraint.ForeignKey> fks = new ArrayList<>();
        List<KeyTypeChange.Child> owners = new ArrayList<>();
        for (KeyTypeChange.Child k : children) {
            if (fks.stream().noneMatch(f -> f == k.foreignKey())) {
                fks.add(k.foreignKey());
                owners.add(k);
            }
        }
        if (dropFks) {
            for (KeyTypeChange.Child k : owners) {
                out.add(sql.r(new dev.migrationstrategist.statement.DropConstraint(k.table().name(),
                        k.foreignKey().name(), dev.migrationstrategist.statement.ConstraintKind.FOREIGN_KEY, false,
                        sql.dialect().dropConstraintAlgorithm())));
            }
        }
        out.add(sql.r(sql.dialect().changeTypeRebuilding(t, keys.column().withType(from), to)));
        for (KeyTypeChange.Child k : children) {
            DataType childFrom = from.equals(keys.column().type()) ? k.column().type() : to;
            DataType childTo = from.equals(keys.column().type()) ? to : k.column().type();
            out.add(sql.r(sql.dialect().changeTypeRebuilding(k.table().name(), k.column().withType(childFrom),
                    childTo)));
        }
        sql.dialect().widenNumbering(t, keys.column(), to).ifPresent(s -> out.add(sql.r(s)));
        if (dropFks && !owners.isEmpty()) {
            out.add(sql.r(new dev.migrationstrategist.statement.SetForeignKeyChecks(false)));
            for (KeyTypeChange.Child k : owners) {
                out.add(sql.r(new dev.migrationstrategist.statement.AddConstraint(k.table().name(), k.foreignKey(),
                        false, sql.dialect().addForeignKeyAlgorithm(true))));
            }
            out.add(sql.r(new dev.migrationstrategist.statement.SetForeignKeyChecks(true)));
        }
        return out;
    }

    private Contribution swap(PlanContext ctx, Sql sql, Table table, Column col, DataType to) {
        Ident t = table.name();
        String tn = t.name();
        Ident c = col.name();
        String cn = c.name();
        DataType from = col.type();
        Ident cNew = freeName(table, cn + "_new");
        Ident cOld = freeName(table, cn + "_old");
        // Trigger conversions never fail the app's write: a value that does not fit becomes NULL on the other side
        // (the backfill's remaining-rows gate and the swap-back note say what that means).
        // No app version writes cNew (before the swap) or cOld (after it): on MySQL/MariaDB the triggers copy one way,
        // so those columns can carry defaults that keep inserts working if a swap window is killed half-way
        SyncTrigger before = new SyncTrigger(t, c, cNew, TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(c), from, to),
                TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(cNew), to, from), true);
        SyncTrigger after = new SyncTrigger(t, c, cOld, TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(c), to, from),
                TypeChanges.convertGuarded(sql.dialect(), "NEW." + sql.q(cOld), from, to), true);
        boolean relaxOld = !col.nullable() && TypeChanges.lossyBack(from, to);
        Contribution.Builder out = Contribution.builder();
        KeyTypeChange keys = KeyTypeChange.of(ctx, table, col);
        KeySwap keySwap = keys.involvesKeys() ? KeySwap.of(ctx, sql, keys, cNew, to) : null;
        String movedDefault = keySwap != null && keySwap.sequence() != null && col.defaultExpression() == null
                ? keySwap.sequence().defaultExpression() : col.defaultExpression();
        if (keySwap != null) {
            keySwap.widenChildren(ctx, sql, out);
        }

        // Expand: the new column and the trigger that fills it from every write.
        OnlineDdl add = sql.dialect().addColumnAlgorithm();
        List<Rendered> expandSql = new ArrayList<>();
        expandSql.add(sql.addNullableColumn(t, cNew, to.sql()));
        expandSql.addAll(before.create(sql));
        List<Rendered> rollbackSql = new ArrayList<>(before.drop(sql));
        rollbackSql.add(sql.dropColumn(t, cNew));
        List<String> bullets = new ArrayList<>();
        bullets.add("Add `" + cNew.name() + "` as " + to + " (nullable): it takes the place of `" + cn + "` at the"
                + " swap.");
        bullets.add("The direct type change would " + sql.dialect().directTypeChangeCost(tn)
                + ", so the change goes through a new column instead.");
        bullets.add("Install trigger `" + before.name() + "`: until the swap it copies every write of `" + cn + "` to `"
                + cNew.name() + "` (converted with `" + before.toNew() + "`)" + (sql.dialect().triggersCallFunctions() ? " and back" : ", one"
                + " way: no app writes `" + cNew.name() + "`, so a default it gets later is never taken for a value")
                + ", so the apps keep using `" + cn + "` and never see `" + cNew.name() + "`."
                + (ctx.options().sync() == SyncMode.APP ? " (--sync app does not apply here: no app version ever"
                + " writes the new column, the trigger is its only writer.)" : ""));
        List<String> expandActions = new ArrayList<>();
        if (sql.dialect().hasOnlineSchemaChangeTools()) {
            expandActions.add("Alternative: an online schema-change tool copies the table with the new type in"
                    + " chunks and swaps it in, throttled by load and replica lag, e.g. "
                    + OnlineCopyCommand.of(sql, table, col.withType(to), ctx.options().target()) + ".");
        }
        out.step(ColumnSteps.step(Phase.EXPAND, "add_column", t, cNew.name(), bullets, expandSql,
                sql.dialect().lockWords(add), true, sql.dialect().transactionalDdl(),
                expandActions, "`" + tn + "." + cn + "` (" + from + ") and `" + cNew.name() + "` (" + to
                        + "), kept in sync by trigger",
                Rollback.withSql("safe: no app reads " + cNew.name(), rollbackSql))
                .withVerifySql(TypeChanges.lossReason(from, to).isPresent()
                        ? TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(c), from, to) : null));

        // Backfill: convert the rows written before the expand.
        String conversion = TypeChanges.convert(sql.dialect(), sql.q(c), from, to);
        List<String> backfillBullets = new ArrayList<>();
        backfillBullets.add("Copy `" + cn + "` into `" + cNew.name() + "` as " + to + " for the rows written before"
                + " the expand.");
        TypeChanges.lossReason(from, to).ifPresent(reason -> backfillBullets.add("Lossy: " + reason + ". Count them"
                + " first: `" + TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(c), from, to) + "`; a value that does"
                + " not fit stops the batch with an error instead of being cut"
                + (TypeChanges.family(to) == TypeChanges.Family.NUMERIC ? " (numeric scale is rounded)" : "")
                + "."));
        out.step(Backfills.copy(ctx, table, cNew, conversion,
                "UPDATE " + sql.q(t) + " SET " + sql.q(cNew) + " = " + conversion, backfillBullets,
                "every row has `" + cNew.name() + "`", Rollback.note("nothing to undo: " + cn + " is untouched")));

        // Constrain: NOT NULL and indexes on the new column, before it takes the name.
        if (!col.nullable()) {
            // MySQL/MariaDB: the new column gets a default with its NOT NULL, so an insert that leaves it out never
            // fails, even while a swap window killed between its statements leaves no trigger to fill it
            String gapDefault = sql.dialect().transactionalDdl() ? null
                    : col.defaultExpression() != null ? col.defaultExpression() : TypeChanges.filler(to);
            out.step(ColumnSteps.notNull(sql, Phase.CONSTRAIN, t, new Column(cNew, to, true, gapDefault), List.of(),
                    List.of("Run after the backfill.")));
            var checked = ColumnSteps.checkedNotNull(sql, t, new Column(cNew, to, true, null));
            if (checked != null) {
                out.checkedNotNull(checked.as(c)); // the new column takes the old name at the swap
            }
        }
        List<Index[]> copies = new ArrayList<>();
        for (IndexCopies.Copy pair : IndexCopies.of(table, c, cNew, col.type(), to, change.describe())) {
            Index index = pair.original();
            Index copy = pair.copy();
            copies.add(new Index[] {index, copy});
            out.step(IndexCopies.step(ctx, sql, t, copy, "Build index `" + copy.name() + "` on `" + cNew.name()
                    + "` like `" + index.name() + "` (it takes that name at the contract).",
                    "index `" + copy.name() + "` on `" + cNew.name() + "`"));
        }
        if (relaxOld && !sql.dialect().transactionalDdl()) {
            out.step(ColumnSteps.step(Phase.CONSTRAIN, "drop_not_null", t, cn,
                    List.of("Allow NULL in the old `" + cn + "` (" + from + "): after the swap it receives the new"
                            + " values converted back, and one that does not fit " + from + " becomes NULL there"
                            + " instead of failing the write. NOT NULL stays enforced through `" + cNew.name() + "`.",
                            "MODIFY with the full definition, in place with LOCK=NONE (online rebuild)."),
                    List.of(sql.modifyColumn(t, col.withNullable(true), OnlineDdl.INPLACE)),
                    sql.dialect().lockWords(OnlineDdl.INPLACE) + " (table rebuilt in place)", true, false, List.of(),
                    "`" + tn + "." + cn + "` nullable",
                    Rollback.withSql("make it NOT NULL again", List.of(sql.modifyColumn(t, col, OnlineDdl.INPLACE)))));
        }
        if (keySwap != null) {
            keySwap.buildIndex(sql, out);
        }
        for (Constraint k : table.constraintsOn(c)) {
            if (keySwap != null && k instanceof Constraint.PrimaryKey) {
                continue; // moved to the new column at the swap
            }
            out.finding(new Finding("change-column-type-constraint", Severity.WARNING, tn,
                    "constraint " + (k.name() == null ? "" : k.name() + " ") + "on " + tn + "." + cn
                            + " stays on the old column and is dropped with " + cOld.name() + " at the contract.",
                    "Add the same constraint on " + cNew.name() + " before the swap (" + sql.dialect().addConstraintOnlineRoute() + ").", null));
        }

        // Release: every running version must handle the new type.
        List<String> appBullets = new ArrayList<>();
        appBullets.add("Code reads and writes `" + cn + "` correctly both as " + from + " and as " + to
                + ": the swap changes the type the apps see while they run.");
        appBullets.add(sql.dialect().typeSwapClientNote(cn));
        out.switchOver(new AppInstruction("accept_new_type", appBullets, List.of(tn + "." + cn),
                List.of(tn + "." + cn), "it reads " + cn + " as " + from + ", which it still is",
                "nothing has changed the type the apps see yet"));

        // Contract 1: the swap.
        out.step(ColumnSteps.step(Phase.CONTRACT, "swap_column", t, cn,
                List.of("Swap in one short " + sql.dialect().swapWindow()
                                + " under the lock timeout: rename `" + cn + "` aside to `" + cOld.name() + "`, `"
                                + cNew.name() + "` into its place, " + (movedDefault != null
                                ? "move the default, " : "") + (keySwap == null ? "" : keySwap.swapWords()) + "and replace the trigger so that `" + cOld.name()
                                + "` keeps following `" + cn + "` (the swap can be undone until the next step).",
                        "From here on `" + cn + "` is " + to + "."),
                ColumnSteps.lockingPartitions(sql, table, swapSql(sql, t, c, cNew, cOld, movedDefault, before,
                        after, relaxOld, key(table), TypeChanges.convertGuarded(sql.dialect(), sql.q(c), from, to),
                        TypeChanges.convertGuarded(sql.dialect(), sql.q(c), to, from),
                        keySwap == null ? KeySwap.NONE : keySwap.forward(sql, c, cNew, to))),
                sql.dialect().swapLock(),
                true, sql.dialect().transactionalDdl(),
                swapActions(ctx, sql, table, c, cNew, from, to),
                "`" + tn + "." + cn + "` " + to + "; `" + cOld.name() + "` (" + from + ") kept in sync by trigger",
                Rollback.withSql("swap back (the trigger kept " + cOld.name() + " current"
                        + (TypeChanges.lossyBack(from, to) ? "; a value written after the swap that does not fit " + from
                        + " is NULL there, so swap back only while `"
                        + TypeChanges.checkQuery(sql.dialect(), sql.q(t), sql.q(c), to, from) + "` returns 0" : "")
                        + (relaxOld ? "; " + cn + " is nullable afterwards: make it NOT NULL again through a validated"
                        + " CHECK if you stay there" : "") + (keySwap == null ? "" : "; " + keySwap.backWords())
                        + ")",
                        ColumnSteps.lockingPartitions(sql, table, swapSql(sql, t, c, cOld, cNew, movedDefault,
                                after, before, false, key(table),
                                TypeChanges.convertGuarded(sql.dialect(), sql.q(c), to, from),
                                TypeChanges.convertGuarded(sql.dialect(), sql.q(c), from, to),
                                keySwap == null ? KeySwap.NONE : keySwap.back(sql, c, cOld, relaxOld, from))))));
        if (keySwap != null) {
            keySwap.validateForeignKeys(sql, out);
        }

        // Contract 2: drop the old column.
        List<Rendered> dropSql = new ArrayList<>(after.drop(sql));
        if (sql.dialect().dropColumnShrinksIndexes()) {
            copies.forEach(pair -> dropSql.add(sql.dropIndexOnline(pair[0])));
        }
        dropSql.add(sql.dropColumn(t, cOld));
        copies.forEach(pair -> dropSql.add(sql.renameIndex(t, pair[1].name(), pair[0].name())));
        out.step(ColumnSteps.step(Phase.CONTRACT, "drop_column", t, cOld.name(),
                List.of("Drop trigger `" + after.name() + "` and the old column `" + cOld.name() + "`"
                        + (copies.isEmpty() ? "." : "; the new indexes take the old names.")),
                ColumnSteps.lockingPartitions(sql, table, dropSql),
                sql.dialect().lockWords(sql.dialect().dropColumnAlgorithm()), true,
                sql.dialect().transactionalDdl(),
                List.of("Execute once you will not swap back: the swap's rollback needs " + cOld.name() + "."),
                "`" + tn + "." + cn + "` " + to + " only",
                Rollback.irreversible("irreversible: the " + from + " values of " + cOld.name() + " are gone;"
                        + " before this step, the swap can be undone")));
        return out.build();
    }

    /** Swap {@code current} aside to {@code aside} and {@code incoming} into its name, replacing the triggers. */
    /**
     * Swap {@code current} aside to {@code aside} and {@code incoming} into its name, replacing the triggers. On
     * PostgreSQL one transaction. On MySQL/MariaDB a LOCK TABLES window whose statements commit one by one, so a kill
     * between them leaves writes that reached one column and not the other: the window is framed by statements that
     * repair exactly that on the rerun, and are no-ops otherwise. Before it, while the columns still have their old
     * names, the triggers of that layout are re-created if a killed window dropped them, and {@code incoming} is
     * re-synchronised from {@code current} (a write in that gap reached only {@code current}); after it, {@code
     * aside} is re-synchronised from {@code current} (a write between the rename and the new triggers reached only
     * the renamed {@code current}). The aside column keeps its default, so an insert that leaves it out never fails.
     *
     * @param toIncoming {@code current}'s value in {@code incoming}'s type, over the table's columns
     * @param toAside    the renamed {@code current}'s value in {@code aside}'s type
     */
    private static List<Rendered> swapSql(Sql sql, Ident t, Ident current, Ident incoming, Ident aside,
                                          String defaultExpression, SyncTrigger dropping, SyncTrigger creating,
                                          boolean relaxAside, List<Ident> key, String toIncoming, String toAside,
                                          KeySwap.Around keys) {
        List<Rendered> out = new ArrayList<>();
        boolean oneTransaction = sql.dialect().transactionalDdl();
        if (!oneTransaction) {
            List<Fact> beforeTheRename = List.of(new Fact.Present(new DbObject.Column(t, incoming)),
                    new Fact.Absent(new DbObject.Column(t, aside)));
            for (Rendered trigger : dropping.create(sql)) {
                out.add(sql.r(new Guarded(trigger.statement(), beforeTheRename)));
            }
            out.add(sql.r(new Guarded(ResyncColumn.over(t, key, incoming, toIncoming), beforeTheRename)));
            out.add(sql.r(new LockTables(List.of(t))));
        }
        if (oneTransaction) {
            out.addAll(keys.first());
        }
        out.addAll(dropping.drop(sql));
        out.addAll(keys.beforeRenames());
        if (oneTransaction) {
            out.add(sql.r(new RenameColumns(t, List.of(new ColumnRename(current, aside)), null)));
            out.add(sql.r(new RenameColumns(t, List.of(new ColumnRename(incoming, current)), null)));
            if (relaxAside) {
                out.add(sql.r(new DropNotNull(t, aside)));
            }
            if (defaultExpression != null) {
                out.add(sql.r(new ColumnDefaults(t, List.of(new DefaultChange(aside, null)), null)));
                out.add(sql.r(new ColumnDefaults(t, List.of(new DefaultChange(current, defaultExpression)), null)));
            }
        } else {
            OnlineDdl algorithm = sql.dialect().renameColumnAlgorithm();
            out.add(sql.r(new RenameColumns(t, List.of(new ColumnRename(current, aside),
                    new ColumnRename(incoming, current)), algorithm)));
            // the incoming column carried the old default (or a filler) since its NOT NULL: set or drop it now
            out.add(sql.r(new ColumnDefaults(t, List.of(new DefaultChange(current, defaultExpression)), algorithm)));
        }
        out.addAll(keys.afterRenames());
        out.addAll(creating.create(sql));
        if (!oneTransaction) {
            out.add(sql.r(new UnlockTables()));
            out.add(sql.r(new Guarded(ResyncColumn.over(t, key, aside, toAside),
                    List.of(new Fact.Present(new DbObject.Column(t, aside))))));
        }
        return out;
    }

    private static List<Ident> key(Table table) {
        return Backfills.keyColumns(table);
    }

    private static List<String> swapActions(PlanContext ctx, Sql sql, Table table, Ident c, Ident cNew,
                                            DataType from, DataType to) {
        List<String> actions = new ArrayList<>();
        actions.add("Execute only when v" + ctx.options().appVersion() + " is fully retired from traffic: it expects "
                + c + " as " + from + ".");
        if (TypeChanges.guardMayGiveNull(from, to)) {
            actions.add("Right before the swap, `SELECT count(*) FROM " + sql.q(table.name()) + " WHERE "
                    + sql.q(cNew) + " IS NULL AND " + sql.q(c) + " IS NOT NULL;` must return 0: the trigger leaves "
                    + cNew + " NULL for a value written since the backfill that does not fit " + to + "; fix those"
                    + " rows first.");
        }
        return actions;
    }

    /** RENAME COLUMN is instant on MariaDB 10.3+ and MySQL 8.0.28+, in place (metadata only) before. */

    private static Ident freeName(Table table, String base) {
        String name = Names.fit(base);
        int n = 2;
        while (table.hasColumn(Ident.of(name))) {
            name = Names.fit(base + "_" + n++);
        }
        return Ident.of(name);
    }
}
