package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A type change of a key column: a column of the primary key, a column other tables' foreign keys reference, or a
 * foreign-key column. The referencing columns change with their key ("running out of ids": the children must
 * hold every id the parent can give out, and InnoDB requires both sides to have the same type).
 *
 * @param primaryKey the column is part of its table's primary key
 * @param children   the foreign keys of other tables (or of the same table) that reference the column, each with
 *                   its referencing column
 * @param parent     the foreign key the column itself belongs to, if any
 */
record KeyTypeChange(Table table, Column column, boolean primaryKey, List<Child> children,
                     Constraint.ForeignKey parent) {

    /** A foreign key on {@code table.column} that references the changed key. */
    record Child(Table table, Constraint.ForeignKey foreignKey, Column column) {
    }

    static KeyTypeChange of(PlanContext ctx, Table table, Column column) {
        boolean pk = table.primaryKey().map(k -> k.covers(column.name())).orElse(false);
        List<Child> children = new ArrayList<>();
        for (Table other : ctx.schema().tables()) {
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(table.name())) {
                    for (int i = 0; i < fk.referencedColumns().size(); i++) {
                        if (fk.referencedColumns().get(i).sameAs(column.name())) {
                            Ident childColumn = fk.columns().get(i);
                            other.column(childColumn).ifPresent(cc -> children.add(new Child(other, fk, cc)));
                        }
                    }
                }
            }
        }
        Constraint.ForeignKey parent = null;
        for (Constraint c : table.constraintsOn(column.name())) {
            if (c instanceof Constraint.ForeignKey fk) {
                parent = fk;
            }
        }
        return new KeyTypeChange(table, column, pk, List.copyOf(children), parent);
    }

    boolean involvesKeys() {
        return primaryKey || !children.isEmpty() || parent != null;
    }

    /** Every table the change rewrites: the key's table, then each referencing table once. */
    List<Ident> tables() {
        List<Ident> out = new ArrayList<>(List.of(table.name()));
        for (Child c : children) {
            if (out.stream().noneMatch(t -> t.sameAs(c.table().name()))) {
                out.add(c.table().name());
            }
        }
        return out;
    }

    /**
     * Throws, naming what is in the way, unless this key change can be planned: on this engine a foreign-key
     * column can take the new type only where its referenced column accepts it, and the direct route needs every
     * table it rewrites to be small.
     */
    void validate(PlanContext ctx, DataType to, boolean direct, String what) {
        if (parent != null) {
            Table referenced = ctx.requireTable(parent.referencedTable());
            int at = 0;
            for (int i = 0; i < parent.columns().size(); i++) {
                if (parent.columns().get(i).sameAs(column.name())) {
                    at = i;
                }
            }
            Column key = referenced.column(parent.referencedColumns().get(at)).orElse(null);
            if (key != null) {
                var mismatch = ctx.dialect().foreignKeyTypeMismatch(to, key.type());
                if (mismatch.isPresent()) {
                    throw StrategistException.invalid(what + ": foreign key " + name(parent) + "makes "
                            + table.name() + "." + column.name() + " reference " + referenced.name() + "."
                            + key.name() + " (" + key.type() + "), and " + to + " cannot: " + mismatch.get()
                            + "; change the type of " + referenced.name() + "." + key.name()
                            + " instead: its foreign keys change with it");
                }
            }
            if (!direct) {
                throw StrategistException.invalid(what + ": " + table.name() + " is large (or of unknown size) and"
                        + " the column carries foreign key " + name(parent) + "; the online route (new column,"
                        + " backfill, swap) would leave the foreign key on the old column. Give its size with --rows "
                        + table.name() + "=N if it is small (direct ALTER), or change it in a maintenance window");
            }
        }
        if (!direct && onlineSwap(ctx) && column.autoIncrement() && column.identity() == null) {
            throw StrategistException.invalid(what + ": " + table.name() + "." + column.name() + " is numbered by"
                    + " the server in a way the schema does not say (an identity read without its kind), and the"
                    + " online swap must hand that numbering to the new column: plan from the live database (--db),"
                    + " or give the size with --rows if the tables are small (ALTER COLUMN ... TYPE keeps the"
                    + " identity)");
        }
        if (!direct && onlineSwap(ctx) && column.identity() != null && column.identity().sequence() == null
                && (table.name() + "_" + column.name() + "_seq").getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length > dev.migrationstrategist.schema.Names.MAX) {
            throw StrategistException.invalid(what + ": the schema does not name the sequence of identity column "
                    + table.name() + "." + column.name() + " and its default name is longer than 63 bytes: plan"
                    + " from the live database (--db), or from a pg_dump (it names it)");
        }
        if (!direct && onlineSwap(ctx)) {
            for (Child c : children) {
                boolean narrow = dev.migrationstrategist.dialect.TypeChanges.lossReason(to, c.column().type())
                        .isPresent();
                if (narrow && ctx.isLarge(c.table().name())) {
                    throw StrategistException.invalid(what + ": " + c.table().name() + "." + c.column().name() + " ("
                            + c.column().type() + ") references it and cannot hold every " + to + " value, and "
                            + c.table().name() + " is large or of unknown size (--rows " + c.table().name() + "=N):"
                            + " widen it first on its own, or in a maintenance window");
                }
            }
            return;
        }
        if (!direct && KeyCopy.applies(ctx, this)) {
            KeyCopy.check(ctx, this, what);
            return;
        }
        if (!direct && (primaryKey || !children.isEmpty())) {
            throw StrategistException.invalid(what + ": " + table.name() + "." + column.name() + " is "
                    + (primaryKey ? "part of the primary key" : "") + (primaryKey && !children.isEmpty() ? ", " : "")
                    + (children.isEmpty() ? "" : "referenced by foreign keys (" + String.join(", ", children.stream()
                    .map(c -> c.table().name() + "." + c.column().name()).distinct().toList()) + ")")
                    + " and " + table.name() + " is large or of unknown size: "
                    + ctx.dialect().onlineKeyChangeAdvice(table.name(), column.withType(to), !children.isEmpty(),
                    OnlineCopyCommand.of(new Sql(ctx.dialect()), table, column.withType(to), ctx.options().target())));
        }
        if (direct) {
            for (Child c : children) {
                if (ctx.isLarge(c.table().name()) && !c.table().name().sameAs(table.name())) {
                    throw StrategistException.invalid(what + ": foreign key " + name(c.foreignKey()) + "on "
                            + c.table().name() + "." + c.column().name() + " references it, so "
                            + c.table().name() + " changes with it, and " + c.table().name() + " is large or of"
                            + " unknown size (--rows " + c.table().name() + "=N)");
                }
            }
        }
    }

    /**
     * True when the key moves through the online column swap: a primary key (of one column, or composite such as
     * (tenant_id, id): the unique index is built over the same columns with the new one in the changed one's place)
     * of a table that is not partitioned (PostgreSQL 15 builds no index CONCURRENTLY on a partitioned table and
     * refuses ADD CONSTRAINT ... USING INDEX there), with named foreign keys (dropped and re-added by name).
     */
    private boolean onlineSwap(PlanContext ctx) {
        return ctx.dialect().swapsKeyOnline() && primaryKey && parent == null
                && !table.partitioning().partitioned() && !table.partitioning().isPartition()
                && children.stream().allMatch(c -> c.foreignKey().name() != null);
    }

    private static String name(Constraint.ForeignKey fk) {
        return fk.name() == null ? "" : fk.name() + " ";
    }
}
