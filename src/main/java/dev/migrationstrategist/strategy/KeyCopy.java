package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.AppInstruction;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.CreateTableLike;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.InsertSelectBatch;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.RenameTables;
import dev.migrationstrategist.statement.SetForeignKeyChecks;
import dev.migrationstrategist.statement.TableRename;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A primary key's type change on MySQL/MariaDB by shadow-table copy, with the tables whose foreign keys reference it
 * (pt-online-schema-change's method, built in, foreign keys kept): InnoDB changes a key column only by copying the
 * table with writes blocked, and refuses to change a column a foreign key uses while both sides must keep the same
 * type, so the key's table and every referencing table are copied together into shadows that have the new type:
 *
 * <ol>
 *   <li>expand: {@code CREATE TABLE _t_new LIKE t}, the column changed there (empty table), sync triggers on t;</li>
 *   <li>backfill: a keyset {@code INSERT IGNORE ... SELECT} copy per table;</li>
 *   <li>constrain: the shadows get the foreign keys of their tables (a child's pointing at the parent's shadow),
 *   under names of their own (foreign-key names are per database), with foreign_key_checks = 0 (no scan), then
 *   checked by a query;</li>
 *   <li>contract: one atomic {@code RENAME TABLE} swaps every table with its shadow (foreign keys follow a renamed
 *   table), then the sync triggers, now on the old tables, are dropped;</li>
 *   <li>contract: the old tables are dropped and the foreign keys take their State A names back.</li>
 * </ol>
 */
final class KeyCopy {
    private KeyCopy() {
    }

    /** One table the copy rebuilds: the key's table or a referencing one, with the column that changes in it. */
    private record Copied(Table table, Column column) {
        Ident name() {
            return table.name();
        }

        Ident shadow() {
            return ShadowSync.shadowOf(table.name());
        }

        Ident old() {
            return ShadowSync.oldOf(table.name());
        }

        ShadowSync sync() {
            return new ShadowSync(table.name(), shadow(), table.primaryKey().orElseThrow().columns().get(0),
                    table.columns().stream().map(Column::name).toList());
        }
    }

    /** True when a large key change takes this route: the engine rebuilds keys by copy, and the column is the key. */
    static boolean applies(PlanContext ctx, KeyTypeChange keys) {
        return ctx.dialect().copiesKeyTables() && keys.primaryKey() && keys.parent() == null;
    }

    /** Throws one line naming each object the route does not handle and what to do about it. */
    static void check(PlanContext ctx, KeyTypeChange keys, String what) {
        List<String> problems = new ArrayList<>();
        Table p = keys.table();
        var pk = p.primaryKey().orElse(null);
        if (pk == null || pk.columns().size() != 1) {
            problems.add(p.name() + " has a primary key of " + (pk == null ? "no" : pk.columns().size())
                    + " columns (the copy ranges over a one-column key)");
        }
        List<Table> tables = new ArrayList<>(List.of(p));
        for (KeyTypeChange.Child c : keys.children()) {
            Table ct = c.table();
            Constraint.ForeignKey fk = c.foreignKey();
            if (ct.name().sameAs(p.name())) {
                problems.add("foreign key " + fkName(fk) + "on " + ct.name() + " references its own table");
                continue;
            }
            if (tables.stream().noneMatch(t -> t.name().sameAs(ct.name()))) {
                tables.add(ct);
            }
            if (fk.name() == null) {
                problems.add("the foreign key on " + ct.name() + "." + c.column().name() + " has no name in the"
                        + " schema (read the live database with --db)");
            }
            if (fk.columns().size() != 1) {
                problems.add("foreign key " + fkName(fk) + "on " + ct.name() + " has several columns");
            }
            if (cascades(fk.onDelete()) || cascades(fk.onUpdate())) {
                problems.add("foreign key " + fkName(fk) + "on " + ct.name() + " cascades (ON DELETE "
                        + orNone(fk.onDelete()) + ", ON UPDATE " + orNone(fk.onUpdate()) + "): rows changed by a"
                        + " cascade fire no trigger, so the shadow would miss them; make it RESTRICT for the change");
            }
            var cpk = ct.primaryKey().orElse(null);
            if (cpk == null) {
                problems.add(ct.name() + " has no primary key (the sync triggers and the copy need one)");
            } else if (cpk.covers(c.column().name())) {
                problems.add(ct.name() + "." + c.column().name() + " is part of " + ct.name() + "'s own primary key");
            } else if (cpk.columns().size() != 1) {
                problems.add(ct.name() + " has a primary key of " + cpk.columns().size() + " columns (the copy ranges"
                        + " over a one-column key)");
            }
        }
        for (Table t : tables) {
            if (t.partitioning().partitioned() || t.partitioning().isPartition()) {
                problems.add(t.name() + " is partitioned");
            }
            for (Dependant d : ctx.schema().dependants().onTable(t.name())) {
                if (d instanceof Dependant.Trigger tr && tr.table().sameAs(t.name())) {
                    problems.add("trigger " + tr.name() + " on " + t.name() + " would stay on the old table (drop"
                            + " it for the change and create it again after, or use pt-online-schema-change"
                            + " --preserve-triggers)");
                }
            }
        }
        for (Table other : ctx.schema().tables()) {
            for (Constraint k : other.constraints()) {
                if (!(k instanceof Constraint.ForeignKey fk) || keys.children().stream()
                        .anyMatch(c -> c.foreignKey() == fk)) {
                    continue;
                }
                for (Table t : tables) {
                    if (fk.referencedTable().sameAs(t.name())) {
                        problems.add("foreign key " + fkName(fk) + "on " + other.name() + " references " + t.name()
                                + " through " + fk.referencedColumns().stream().map(Ident::name)
                                .collect(Collectors.joining(", ")) + " and would follow the old table at the"
                                + " rename");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw StrategistException.invalid(what + ": " + p.name() + " is large or of unknown size, so its key"
                    + " changes by copying " + String.join(", ", tables.stream().map(t -> t.name().name()).toList())
                    + " into shadow tables, which does not handle: " + String.join("; ", problems)
                    + ". Give the sizes with --rows if the tables are small (direct ALTER), or change it in a"
                    + " maintenance window");
        }
    }

    private static boolean cascades(String action) {
        if (action == null) {
            return false;
        }
        String a = action.trim().toUpperCase(java.util.Locale.ROOT);
        return !a.equals("RESTRICT") && !a.equals("NO ACTION");
    }

    private static String orNone(String action) {
        return action == null ? "RESTRICT" : action;
    }

    private static String fkName(Constraint.ForeignKey fk) {
        return fk.name() == null ? "" : fk.name() + " ";
    }

    /** The steps of the route. */
    static Contribution plan(PlanContext ctx, Sql sql, KeyTypeChange keys, DataType to) {
        List<Copied> copied = new ArrayList<>();
        copied.add(new Copied(keys.table(), keys.column()));
        for (KeyTypeChange.Child c : keys.children()) {
            if (copied.stream().noneMatch(x -> x.name().sameAs(c.table().name()))) {
                copied.add(new Copied(c.table(), c.column()));
            }
        }
        Ident t = keys.table().name();
        String c = keys.column().name().name();
        DataType from = keys.column().type();
        String list = String.join(", ", copied.stream().map(x -> "`" + x.name() + "`").toList());
        String shadows = String.join(", ", copied.stream().map(x -> "`" + x.shadow() + "`").toList());
        Contribution.Builder out = Contribution.builder();

        // 1. expand: the shadows and their sync triggers
        List<Rendered> expand = new ArrayList<>();
        List<Rendered> undoExpand = new ArrayList<>();
        for (Copied x : copied) {
            expand.add(sql.r(new CreateTableLike(x.shadow(), x.name())));
            expand.add(sql.r(sql.dialect().changeTypeRebuilding(x.shadow(), x.column(), to)));
        }
        for (Copied x : copied) {
            expand.addAll(x.sync().create(sql));
        }
        for (Copied x : copied) {
            undoExpand.addAll(x.sync().drop(sql, x.name()));
        }
        for (int i = copied.size() - 1; i >= 0; i--) {
            undoExpand.add(sql.r(new DropTable(copied.get(i).shadow(), true)));
        }
        List<String> columns = copied.stream().map(x -> "`" + x.name() + "." + x.column().name() + "`").toList();
        List<String> expandBullets = new ArrayList<>(List.of(
                        "Change " + String.join(", ", columns) + " from " + from + " to " + to + " by copying "
                                + list + " into shadow tables (" + shadows + ") that have the new type, as"
                                + " pt-online-schema-change does, foreign keys included: InnoDB changes a key column"
                                + " only by copying the table with writes blocked, and refuses to change a column a"
                                + " foreign key uses (errors 1832/1833) while both sides must keep the same type.",
                        "Here: `CREATE TABLE ... LIKE` (columns, keys and indexes; no foreign keys, no triggers),"
                                + " the column changed on the empty shadow, and AFTER INSERT/UPDATE/DELETE triggers"
                                + " (" + String.join(", ", copied.stream().flatMap(x -> x.sync().names().stream())
                                .map(n -> "`" + n + "`").toList()) + ") that write every row change into the shadow"
                                + " by primary key, in the application's own transaction.",
                        "Each CREATE TRIGGER waits for the transactions running on its table (metadata lock,"
                                + " bounded by the lock timeout); the application's writes then also write the"
                                + " shadow (one more row write each)."));
        if (copied.size() == 1) {
            expandBullets.add("Alternative with the same method outside this tool: "
                    + OnlineCopyCommand.of(sql, keys.table(), keys.column().withType(to), ctx.options().target())
                    + ".");
        }
        out.step(ColumnSteps.step(Phase.EXPAND, "create_shadow_tables", t, c, expandBullets,
                expand, "metadata lock on " + list + " for each CREATE TRIGGER (milliseconds once granted)", true,
                false, List.of(), "shadows " + shadows + " (" + to + ") kept in sync by trigger",
                Rollback.withSql("safe: no application uses the shadows; drops the triggers, then the shadows",
                        undoExpand)));

        // 2. backfill: one keyset copy per table
        for (Copied x : copied) {
            out.step(copy(ctx, sql, x));
        }

        // 3. constrain: the shadows' foreign keys, under names of their own
        List<Rendered> fks = new ArrayList<>();
        List<Rendered> undoFks = new ArrayList<>();
        List<String> orphanChecks = new ArrayList<>();
        fks.add(sql.r(new SetForeignKeyChecks(false)));
        for (Copied x : copied) {
            for (Constraint.ForeignKey fk : foreignKeys(x.table())) {
                Constraint.ForeignKey shadowFk = onShadow(fk, copied);
                // no queueing even on a shadow: the sync triggers make every application write lock it, and an
                // ALTER of a child's shadow also locks the parent's (measured: a queued DROP FOREIGN KEY on
                // _refund_new in the rollback, 2 application errors 1213)
                fks.add(sql.r(new NoLockWait(new AddConstraint(x.shadow(), shadowFk, false,
                        sql.dialect().addForeignKeyAlgorithm(true)))));
                undoFks.add(sql.r(new NoLockWait(new DropConstraint(x.shadow(), shadowFk.name(),
                        ConstraintKind.FOREIGN_KEY, true, sql.dialect().dropConstraintAlgorithm()))));
                orphanChecks.add(Verify.orphans(sql, x.shadow(), fk.columns(), shadowFk.referencedTable(),
                        fk.referencedColumns()));
            }
        }
        fks.add(sql.r(new SetForeignKeyChecks(true)));
        String orphans = orphanChecks.isEmpty() ? null : Verify.total(orphanChecks);
        if (!orphanChecks.isEmpty()) {
            out.step(ColumnSteps.step(Phase.CONSTRAIN, "add_shadow_foreign_keys", t, c, List.of(
                            "Give the shadows the foreign keys of their tables: a referencing table's shadow points"
                                    + " at `" + ShadowSync.shadowOf(t) + "`, the others at the tables they point at"
                                    + " now. Foreign-key names are per database, so each takes its name with `_new`;"
                                    + " the contract gives the State A names back.",
                            "Added with foreign_key_checks = 0: no scan, metadata only (milliseconds); the verify"
                                    + " query (orphans in the shadows) runs before and again after the step."),
                    fks, "metadata lock on the shadows only (no application uses them)", false, false, List.of(),
                    "shadows carry the foreign keys",
                    Rollback.withSql("safe: drops the shadows' foreign keys", undoFks)).withVerifySql(orphans));
        }

        // release: the type the applications see changes at the rename
        out.switchOver(new AppInstruction("accept_new_type", List.of("Code reads and writes " + String.join(", ",
                        columns) + " correctly both as " + from + " and as " + to + ": the cutover changes the type"
                        + " the applications see while they run."),
                copied.stream().map(x -> x.name() + "." + x.column().name()).toList(),
                copied.stream().map(x -> x.name() + "." + x.column().name()).toList(),
                "it reads " + c + " as " + from + ", which it still is", "nothing has changed the type the apps see yet"));

        // 4. contract: the cutover
        List<TableRename> renames = new ArrayList<>();
        for (Copied x : copied) {
            renames.add(new TableRename(x.name(), x.old()));
            renames.add(new TableRename(x.shadow(), x.name()));
        }
        List<Rendered> cutover = new ArrayList<>();
        // no queueing for the metadata locks: the applications write the key's table, then a referencing one, in
        // one transaction; a RENAME queued between the two is a metadata-lock deadlock the application loses
        // (measured: 1 application error in each of 2 runs with a plain RENAME TABLE, error 1213)
        cutover.add(sql.r(new NoLockWait(new RenameTables(renames))));
        for (Copied x : copied) {
            cutover.addAll(x.sync().drop(sql, x.old()));
        }
        List<String> differences = new ArrayList<>();
        for (Copied x : copied) {
            differences.add(sql.backfill(x.sync().missingOrDifferent(sql)).sql());
            differences.add(sql.backfill(x.sync().extra(sql)).sql());
        }
        String gate = Verify.total(differences);
        out.step(ColumnSteps.step(Phase.CONTRACT, "swap_tables", t, c, List.of(
                        "Cut over in one atomic `RENAME TABLE`: each table to its `_old` name and its shadow into its"
                                + " place (" + String.join(", ", copied.stream().map(x -> "`" + x.name() + "` → `"
                                + x.old() + "`, `" + x.shadow() + "` → `" + x.name() + "`").toList()) + "). InnoDB"
                                + " foreign keys follow a renamed table, so the shadows' foreign keys now point at"
                                + " the new tables and the old ones at each other.",
                        "The rename waits for the transactions running on these tables (the lock timeout bounds"
                                + " that wait; apply retries), and the application's statements wait behind it for"
                                + " milliseconds; no statement sees a missing table: both names change at once.",
                        "Then the sync triggers, which moved with the old tables, are dropped. From here on "
                                + String.join(", ", columns) + " are " + to + ".",
                        "Verify gate first: no row of a table missing or different in its shadow, and none extra."),
                cutover, "metadata lock on " + list + " and their shadows for the rename (milliseconds once granted)",
                true, false, List.of("Execute only when v" + ctx.options().appVersion() + " is fully retired from"
                        + " traffic: it expects " + c + " as " + from + "."),
                String.join(", ", columns) + " " + to + "; the old tables kept as " + String.join(", ",
                        copied.stream().map(x -> "`" + x.old() + "`").toList()),
                Rollback.irreversible("irreversible: writes after the rename reach only the new tables (nothing"
                        + " copies them back to " + String.join(", ", copied.stream().map(x -> x.old().name())
                        .toList()) + ", whose " + from + " column may not hold a new id), so swapping back would lose"
                        + " them; before this step, the expand's rollback drops the shadows")).withVerifySql(gate));

        // 5. contract: the old tables and the State A foreign-key names
        List<Rendered> drop = new ArrayList<>();
        for (int i = copied.size() - 1; i >= 0; i--) {
            drop.add(sql.r(new DropTable(copied.get(i).old(), false)));
        }
        List<Rendered> names = new ArrayList<>();
        List<String> finalOrphans = new ArrayList<>();
        for (Copied x : copied) {
            for (Constraint.ForeignKey fk : foreignKeys(x.table())) {
                Constraint.ForeignKey shadowFk = onShadow(fk, copied);
                names.add(sql.r(new NoLockWait(new AddConstraint(x.name(), fk, false,
                        sql.dialect().addForeignKeyAlgorithm(true)))));
                names.add(sql.r(new NoLockWait(new DropConstraint(x.name(), shadowFk.name(),
                        ConstraintKind.FOREIGN_KEY, false, sql.dialect().dropConstraintAlgorithm()))));
                finalOrphans.add(Verify.orphans(sql, x.name(), fk.columns(), fk.referencedTable(),
                        fk.referencedColumns()));
            }
        }
        if (!names.isEmpty()) {
            drop.add(sql.r(new SetForeignKeyChecks(false)));
            drop.addAll(names);
            drop.add(sql.r(new SetForeignKeyChecks(true)));
        }
        out.step(ColumnSteps.step(Phase.CONTRACT, "drop_old_tables", t, c, List.of(
                        "Drop the old tables " + String.join(", ", copied.stream().map(x -> "`" + x.old() + "`")
                                .toList()) + (names.isEmpty() ? "." : "; then each foreign key takes its State A name"
                                + " back: added under it (foreign_key_checks = 0, metadata only) before the `_new`"
                                + " one is dropped, so the tables are never without it.")),
                drop, "metadata lock on " + list + " for each foreign-key change (milliseconds once granted)", true,
                false, List.of("Execute once you keep the new tables: the old ones are gone after it."),
                String.join(", ", columns) + " " + to + " only",
                Rollback.irreversible("irreversible: the old tables are dropped"))
                .withVerifySql(finalOrphans.isEmpty() ? null : Verify.total(finalOrphans)));
        return out.build();
    }

    private static List<Constraint.ForeignKey> foreignKeys(Table table) {
        return table.constraints().stream().filter(k -> k instanceof Constraint.ForeignKey)
                .map(k -> (Constraint.ForeignKey) k).toList();
    }

    /** The foreign key as the shadow carries it: its own name, pointing at a copied table's shadow. */
    private static Constraint.ForeignKey onShadow(Constraint.ForeignKey fk, List<Copied> copied) {
        Ident target = fk.referencedTable();
        for (Copied x : copied) {
            if (x.name().sameAs(target)) {
                target = x.shadow();
            }
        }
        return new Constraint.ForeignKey(Ident.of(Names.fit(fk.name().name() + "_new")), fk.columns(), target,
                fk.referencedColumns(), fk.onDelete(), fk.onUpdate(), fk.valid());
    }

    /** The keyset copy of one table into its shadow; a row already there is skipped. */
    private static BackfillStep copy(PlanContext ctx, Sql sql, Copied x) {
        ShadowSync sync = x.sync();
        List<Ident> all = sync.columns();
        String cols = sql.dialect().quoteAll(all);
        String plain = sql.dialect().insertSkippingDuplicates() + sql.q(x.shadow()) + " (" + cols + ") SELECT "
                + cols + " FROM " + sql.q(x.name()) + sql.dialect().skipDuplicatesTail(sync.key());
        InsertSelectBatch batch = new InsertSelectBatch(x.name(), null, sync.key(), all, null, x.shadow(), all,
                sync.key(), InsertSelectBatch.OnConflict.SKIP);
        var remaining = sql.backfill(sync.missingOrDifferent(sql));
        int size = ctx.options().batchSize();
        long rows = ctx.rows(x.name()).orElse(-1L);
        return new BackfillStep(0, null, x.shadow().toString(), x.column().name().name(),
                List.of("Copy the rows of `" + x.name() + "` into `" + x.shadow() + "`"
                                + (rows >= 0 ? " (" + ColumnSteps.count(rows) + " rows)" : "") + "; the triggers"
                                + " already copy every write.",
                        "Explicit ids move the shadow's AUTO_INCREMENT counter past every copied id.",
                        "Announced: while a batch runs, an application transaction that writes `" + x.name() + "` may"
                                + " be rolled back with a deadlock (error 1213) and must retry: the batch (an INSERT"
                                + " ... SELECT) holds the shadow's AUTO-INC lock for its whole statement (InnoDB's"
                                + " innodb_autoinc_lock_mode = 1), the application's trigger insert waits for it"
                                + " while the batch waits for that transaction's row (InnoDB deadlock report, MariaDB"
                                + " 10.11: 0-2 such rollbacks per 200,000-row copy under 3 writers);"
                                + " pt-online-schema-change's chunks do the same.",
                        "SQL: `" + plain + ";`"),
                plain, sql.batch(batch), sql.backfill(batch.nextKey()), remaining, size, List.of(
                "Run this out-of-band in batches of " + ColumnSteps.count(size) + ".",
                "Each batch is its own short transaction over a key range of " + x.name() + "." + sync.key()
                        + " (never OFFSET); it reads the source rows with shared locks, and a row already there is"
                        + " skipped (" + sql.dialect().skipDuplicatesWords() + "), so a batch can be rerun and the"
                        + " copy resumed from the last key.",
                "Done when `" + remaining.sql() + "` returns 0."),
                "every `" + x.name() + "` row is in `" + x.shadow() + "` with the same values",
                Rollback.note("nothing to undo: " + x.name() + " is untouched; the expand's rollback drops "
                        + x.shadow()));
    }
}
