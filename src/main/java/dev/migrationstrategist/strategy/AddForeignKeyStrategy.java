package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetForeignKeyChecks;

import java.util.ArrayList;
import java.util.List;

/**
 * Add a foreign key. PostgreSQL: {@code NOT VALID} at the expand (SHARE ROW EXCLUSIVE on BOTH tables for
 * milliseconds), {@code VALIDATE CONSTRAINT} after any backfill (SHARE UPDATE EXCLUSIVE on the child, ROW SHARE on
 * the parent: writes go on). MySQL/MariaDB: with {@code foreign_key_checks = 1} only a table copy can add it
 * (measured); with {@code foreign_key_checks = 0} in the migration's session it is metadata only, but existing rows
 * are NOT checked, so an orphan count gates the step.
 */
public final class AddForeignKeyStrategy implements ChangeStrategy {
    private final AddForeignKey change;

    public AddForeignKeyStrategy(AddForeignKey change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = "add foreign key " + change.table() + " (" + names(change.columns()) + ")";
        ctx.requireTable(change.table());
        ObjectChecks.requireColumns(ctx, change.table(), change.columns());
        Table parent = ctx.requireTable(change.referencedTable());
        if (change.referencedColumns().isEmpty()) {
            throw StrategistException.invalid(what + ": table " + parent.name() + " has no primary key; name the"
                    + " referenced columns");
        }
        ObjectChecks.requireColumns(ctx, parent.name(), change.referencedColumns());
        if (change.referencedColumns().size() != change.columns().size()) {
            throw StrategistException.invalid(what + ": " + change.columns().size() + " column(s) cannot reference "
                    + change.referencedColumns().size() + " column(s) of " + parent.name());
        }
        if (!ObjectChecks.uniqueOn(parent, change.referencedColumns())) {
            throw StrategistException.invalid(what + ": " + parent.name() + " (" + names(change.referencedColumns())
                    + ") is not a primary key or unique; the database refuses a foreign key to it");
        }
        ObjectChecks.requireFreeName(ctx, change.table(), change.name(), what);
        ObjectChecks.requireCompatibleKeyTypes(ctx, ctx.requireTable(change.table()), change.columns(), parent,
                change.referencedColumns(), what);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Table child = ctx.requireTable(change.table());
        Ident t = child.name();
        Ident p = ctx.requireTable(change.referencedTable()).name();
        Ident fk = change.name();
        String tn = t.name();
        String pn = p.name();
        Constraint.ForeignKey key = new Constraint.ForeignKey(fk, change.columns(), p, change.referencedColumns(),
                change.onDelete(), change.onUpdate(), true);
        Constraint.ForeignKey unchecked = new Constraint.ForeignKey(fk, change.columns(), p,
                change.referencedColumns(), change.onDelete(), change.onUpdate(), false);
        String verify = Verify.orphans(sql, t, change.columns(), p, change.referencedColumns());
        boolean indexed = ObjectChecks.indexedBy(child, change.columns());
        String state = "foreign key `" + fk + "` `" + tn + "` → `" + pn + "`";
        Contribution.Builder out = Contribution.builder();
        if (sql.dialect().validatesConstraintsLater()) {
            Rollback drop = Rollback.withSql("safe: only removes the foreign key",
                    List.of(sql.r(new DropConstraint(t, fk, ConstraintKind.FOREIGN_KEY, true, null))));
            List<String> notes = new ArrayList<>();
            if (!indexed) {
                notes.add("`" + tn + "` has no index starting with (" + names(change.columns()) + "): every DELETE or"
                        + " key UPDATE on `" + pn + "` will scan `" + tn + "`; consider `CREATE INDEX CONCURRENTLY`"
                        + " on it first.");
            }
            if (Sizing.small(ctx, t)) {
                notes.add(0, "If the verify query finds orphans, fix them first: the ALTER fails on the first one.");
                out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_foreign_key", tn, fk.name(),
                        List.of("Add foreign key `" + fk + "` from `" + tn + "` to `" + pn + "`.",
                                Sizing.why(ctx, t, "the validating scan, which holds SHARE ROW EXCLUSIVE on `" + tn
                                        + "` and on `" + pn + "` (writes to both wait), takes milliseconds")),
                        List.of(sql.r(new AddConstraint(t, key, false, null))),
                        "SHARE ROW EXCLUSIVE on `" + tn + "` AND on `" + pn + "` for the scan of a small table"
                                + " (writes to both wait; reads go on)", true, true, notes, state, drop, verify));
                return out.build();
            }
            if (child.partitioning().partitioned() && !sql.dialect().notValidForeignKeyOnPartitionedTable()) {
                return partitioned(ctx, sql, child, p, key, unchecked, verify, notes, state);
            }
            List<String> expandNotes = new ArrayList<>(List.of("From this step on, a write to `" + tn + "` whose key"
                    + " has no row in `" + pn + "` fails: the running app version must not write orphans."));
            expandNotes.addAll(notes);
            out.step(new SchemaStep(0, Phase.EXPAND, null, "add_foreign_key", tn, fk.name(),
                    List.of("Add foreign key `" + fk + "` as NOT VALID: existing rows are not scanned, every write"
                            + " is checked from now on."),
                    List.of(sql.r(new AddConstraint(t, unchecked, true, null))),
                    "SHARE ROW EXCLUSIVE on `" + tn + "` AND on `" + pn + "` for milliseconds (no scan); while it"
                            + " waits for them, writes to both tables queue behind it", true, true, expandNotes,
                    state + " (NOT VALID: new writes checked)", drop));
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "validate_constraint", tn, fk.name(),
                    List.of("Validate `" + fk + "`: one scan of `" + tn + "` proves the rows written before the"
                            + " expand."),
                    List.of(sql.validateConstraint(t, fk)),
                    "SHARE UPDATE EXCLUSIVE on `" + tn + "`, ROW SHARE on `" + pn + "` (reads and writes on both go"
                            + " on)", false, true,
                    List.of("If the verify query finds orphans, fix them first (delete them, point them at a parent"
                            + " or set them NULL); a failed VALIDATE leaves `" + fk + "` NOT VALID: fix and rerun."),
                    state + " (validated)",
                    Rollback.note("nothing to undo: VALIDATE only marks the foreign key as proven (the expand's"
                            + " rollback drops it)"), verify));
            return out.build();
        }
        OnlineDdl algorithm = ctx.dialect().addForeignKeyAlgorithm(indexed);
        List<Rendered> rollback = new ArrayList<>();
        rollback.add(sql.r(new DropConstraint(t, fk, ConstraintKind.FOREIGN_KEY, false,
                ctx.dialect().dropConstraintAlgorithm())));
        if (!indexed) {
            rollback.add(sql.r(new DropIndex(t, fk, false, false, OnlineDdl.INPLACE)));
        }
        List<String> bullets = new ArrayList<>(List.of(
                "Add foreign key `" + fk + "` from `" + tn + "` to `" + pn + "`. With foreign_key_checks = 1 "
                        + ctx.dialect().displayName() + " can only add it by copying `" + tn + "` (writes blocked"
                        + " for the whole copy; 13–23 s per million rows measured on MariaDB 10.11).",
                "With `SET SESSION foreign_key_checks = 0` in this migration's session it is "
                        + (algorithm == OnlineDdl.INSTANT ? "instant (metadata only)"
                        : "done in place without copying the table") + ", but the rows already in `" + tn
                        + "` are NOT checked: the verify query is the check. Every write after the ALTER is checked"
                        + " (other sessions keep foreign_key_checks = 1)."));
        if (!indexed) {
            bullets.add("`" + tn + "` has no index starting with (" + names(change.columns()) + "): the server builds"
                    + " one named `" + fk + "` in place (LOCK=NONE); it stays if the foreign key is dropped.");
        }
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_foreign_key", tn, fk.name(), bullets,
                List.of(sql.r(new SetForeignKeyChecks(false)), sql.r(new AddConstraint(t, key, false, algorithm)),
                        sql.r(new SetForeignKeyChecks(true))),
                algorithm == OnlineDdl.INSTANT ? "exclusive metadata lock on `" + tn + "` and `" + pn + "`, instant"
                        : "in place with LOCK=NONE: reads and writes go on; exclusive metadata lock only at start and"
                        + " end", true, false,
                List.of("The verify query must return 0 before the ALTER.",
                        "Run it again right after the ALTER: it must still return 0 (a row written between the first"
                                + " check and the ALTER was not checked). If it does not, fix those rows."),
                state, Rollback.withSql("safe: only removes the foreign key" + (indexed ? "" : " and its index"),
                rollback), verify));
        return out.build();
    }

    /**
     * A partitioned table before PostgreSQL 18 refuses a foreign key NOT VALID ("cannot add NOT VALID foreign key on
     * partitioned table"), and the validating form holds SHARE ROW EXCLUSIVE on the table, every partition and the
     * referenced table for the whole scan (writes to all of them wait; measured on 15). Its partitions are plain
     * tables that accept NOT VALID: each gets the key NOT VALID at the expand and is validated (writes go on) at the
     * constrain step; then the key is added to the partitioned table, which adopts the partitions' validated keys
     * instead of scanning (measured on 15: 2 ms against 569 ms for a million rows).
     */
    private Contribution partitioned(PlanContext ctx, Sql sql, Table child, Ident p, Constraint.ForeignKey key,
                                     Constraint.ForeignKey unchecked, String verify, List<String> notes,
                                     String state) {
        Ident t = child.name();
        Ident fk = key.name();
        String tn = t.name();
        String pn = p.name();
        List<Table> leaves = PartitionTree.leaves(ctx.schema(), t);
        List<String> leafNames = leaves.stream().map(l -> "`" + l.name() + "`").toList();
        List<Rendered> add = new ArrayList<>();
        List<Rendered> validate = new ArrayList<>();
        List<Rendered> dropEach = new ArrayList<>();
        for (Table leaf : leaves) {
            add.add(sql.r(new AddConstraint(leaf.name(), unchecked, true, null)));
            validate.add(sql.validateConstraint(leaf.name(), fk));
            dropEach.add(sql.r(new DropConstraint(leaf.name(), fk, ConstraintKind.FOREIGN_KEY, true, null)));
        }
        validate.add(sql.r(new AddConstraint(t, key, false, null)));
        Contribution.Builder out = Contribution.builder();
        List<String> expandNotes = new ArrayList<>(List.of("From this step on, a write to `" + tn + "` whose key"
                + " has no row in `" + pn + "` fails: the running app version must not write orphans."));
        expandNotes.addAll(notes);
        out.step(new SchemaStep(0, Phase.EXPAND, null, "add_foreign_key", tn, fk.name(),
                List.of("`" + tn + "` is partitioned: before PostgreSQL 18 it refuses a foreign key NOT VALID, and"
                                + " the validating form would block writes to it, all its partitions and `" + pn
                                + "` for the whole scan.",
                        "So `" + fk + "` is added NOT VALID to each partition (" + String.join(", ", leafNames)
                                + "): existing rows are not scanned, every write is checked from now on."),
                add,
                "SHARE ROW EXCLUSIVE on each partition in turn AND on `" + pn + "`, for milliseconds each (no scan);"
                        + " while one waits for them, writes to that partition and to `" + pn + "` queue behind it",
                true, false, expandNotes, state + " on each partition (NOT VALID: new writes checked)",
                Rollback.withSql("safe: only removes the partitions' foreign keys", dropEach)));
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "validate_constraint", tn, fk.name(),
                List.of("Validate `" + fk + "` on each partition (one scan each, writes go on), then add it to `" + tn
                        + "` itself: the partitioned table adopts the partitions' validated keys and scans"
                        + " nothing."),
                validate,
                "VALIDATE: SHARE UPDATE EXCLUSIVE on the partition, ROW SHARE on `" + pn + "` (reads and writes go"
                        + " on); the final ADD on `" + tn + "`: SHARE ROW EXCLUSIVE on `" + tn + "`, every partition"
                        + " and `" + pn + "` for milliseconds (writes to them wait that long; measured on 15: 2 ms)",
                false, false,
                List.of("If the verify query finds orphans, fix them first; a failed VALIDATE leaves that"
                        + " partition's key NOT VALID: fix and rerun (the steps resume where they stopped)."),
                state + " (validated)",
                Rollback.withSql("safe: drops the key of `" + tn + "` (with the partitions' keys it adopted)",
                        List.of(sql.r(new DropConstraint(t, fk, ConstraintKind.FOREIGN_KEY, true, null)))),
                verify));
        return out.build();
    }

    private static String names(List<Ident> idents) {
        return String.join(", ", idents.stream().map(Ident::name).toList());
    }
}
