package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * State B of the changes that reshape tables, as their executed plans leave it: the change records answer
 * {@link Change#applyTo} with these, and the strategies build the same objects (index and constraint copies, the new
 * 1:1 table) from them, so the model and the SQL cannot drift apart.
 */
public final class StateAfter {
    private static final Map<String, String> SERIAL = Map.of("serial", "integer", "serial4", "integer",
            "bigserial", "bigint", "serial8", "bigint", "smallserial", "smallint", "serial2", "smallint");

    private StateAfter() {
    }

    /** The single-column primary key a keyset backfill ranges over, or a user error saying why there is none. */
    public static Ident keyColumn(Table table) {
        var pk = table.primaryKey().orElseThrow(() -> StrategistException.invalid(
                "table " + table.name() + " has no primary key in the schema: a batched backfill ranges over a"
                        + " unique, ordered key; add a primary key first"));
        if (pk.columns().size() != 1) {
            throw StrategistException.invalid("table " + table.name() + " has a composite primary key "
                    + pk.columns() + ": batched backfills over composite keys are not supported yet");
        }
        return pk.columns().get(0);
    }
    /**
     * The table as the executed plan leaves it (State B): the old column gone with its indexes and constraints,
     * the new column last (it was added at the expand) with the old one's type, nullability and default, and a
     * copy of every index, unique constraint, foreign key and check constraint on it. An index copy ends under the
     * original's name with the column's name replaced in it ({@code users_name_idx} → {@code users_full_name_idx};
     * {@code users_lookup} stays {@code users_lookup}): the contract renames the copy once the original is gone.
     * Check constraints are rebuilt only when the column keeps its type (a check written for another type may not
     * hold or even parse; the plan warns).
     */
    public static Table renameColumn(Table table, Ident from, Ident to) {
        return renameColumn(table, from, to, null);
    }
    /** {@link #stateAfter(Table, Ident, Ident)} with the new column's type, or null to keep the old one's. */
    public static Table renameColumn(Table table, Ident from, Ident to, DataType newType) {
        Column old = table.column(from).orElseThrow(() -> new IllegalArgumentException(
                "table " + table.name() + " has no column " + from));
        Table next = table.withoutColumn(from).withColumn(newType == null ? old.withName(to)
                : old.withName(to).withType(newType));
        for (Index index : table.indexesOn(from)) {
            next = next.withIndex(renamedIndex(index, from, to).withName(Names.afterColumnRename(index.name(), from,
                    to)));
        }
        boolean sameType = newType == null || TypeChanges.same(old.type(), newType);
        for (Constraint c : table.constraintsOn(from)) {
            if (c instanceof Constraint.Unique unique) {
                next = next.withConstraint(renamedUnique(table.name(), unique, from, to));
            } else if (c instanceof Constraint.ForeignKey fk) {
                next = next.withConstraint(renamedForeignKey(table.name(), fk, from, to));
            } else if (c instanceof Constraint.Check check && sameType) {
                next = next.withConstraint(renamedCheck(table.name(), check, from, to));
            }
        }
        return next;
    }
    /**
     * The copy of {@code index} for column {@code to}: the same definition with {@code from} renamed wherever the
     * index refers to it (keys, expressions, INCLUDE, predicate), under the name the plan gives it.
     */
    public static Index renamedIndex(Index index, Ident from, Ident to) {
        return index.renameColumn(from, to).withName(Names.indexForRenamedColumn(index, from, to)).withValid(true);
    }
    /** The check on the new column: the expression's references to {@code from} renamed, the name as for a unique. */
    public static Constraint.Check renamedCheck(Ident table, Constraint.Check check, Ident from, Ident to) {
        Ident name = check.name() == null ? Names.constraint(table, to, "check")
                : Names.forRenamedColumn(check.name(), from, to);
        return check.renameColumn(from, to).withName(name);
    }

    public static Constraint.Unique renamedUnique(Ident table, Constraint.Unique unique, Ident from, Ident to) {
        Ident name = unique.name() == null ? Names.constraint(table, to, "key")
                : Names.forRenamedColumn(unique.name(), from, to);
        return new Constraint.Unique(name, Constraint.rename(unique.columns(), from, to));
    }
    public static Constraint.ForeignKey renamedForeignKey(Ident table, Constraint.ForeignKey fk, Ident from, Ident to) {
        Ident name = fk.name() == null ? Names.constraint(table, to, "fkey")
                : Names.forRenamedColumn(fk.name(), from, to);
        return new Constraint.ForeignKey(name, Constraint.rename(fk.columns(), from, to), fk.referencedTable(),
                fk.referencedColumns(), fk.onDelete(), fk.onUpdate(), true);
    }
    /** State B: the columns gone from {@code table}, the new table with the key and the columns. */
    public static Schema split(Schema schema, Table table, List<Ident> columns, Ident into) {
        Table source = table;
        for (Ident c : columns) {
            source = source.withoutColumn(c);
        }
        return schema.withTable(source).withTable(newTable(table, columns, into, false));
    }
    /** The new 1:1 table: the key (a plain integer where the source's is serial), the moved columns as they were. */
    public static Table newTable(Table table, List<Ident> columns, Ident into, boolean mysql) {
        Ident key = keyColumn(table);
        Column k = table.column(key).orElseThrow();
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(k.name(), keyType(k.type()), false, null));
        for (Ident c : columns) {
            cols.add(table.column(c).orElseThrow());
        }
        List<Constraint> constraints = List.of(
                new Constraint.PrimaryKey(mysql ? null : Names.primaryKey(into), List.of(k.name())),
                new Constraint.ForeignKey(Names.constraint(into, k.name(), "fkey"), List.of(k.name()), table.name(),
                        List.of(k.name()), "CASCADE", null, true));
        return new Table(into, cols, constraints, List.of());
    }
    public static DataType keyType(DataType type) {
        String plain = SERIAL.get(type.sql().toLowerCase(Locale.ROOT).trim());
        return plain == null ? type : DataType.parse(plain);
    }
    /** State B: the side table gone, its columns (nullable, with their defaults) at the end of the main table. */
    public static Schema merge(Schema schema, Ident sideName, Ident mainName) {
        Optional<Table> side = schema.table(sideName);
        Optional<Table> main = schema.table(mainName);
        if (side.isEmpty() || main.isEmpty() || side.get().primaryKey().isEmpty()) {
            return schema;
        }
        Ident sideKey = side.get().primaryKey().get().columns().get(0);
        Table next = main.get();
        for (Column c : movedColumns(side.get(), sideKey)) {
            next = next.withColumn(c.withNullable(true));
        }
        return schema.withTable(next).withoutTable(side.get().name());
    }
    /** The moved columns: every column of the side table but its key. */
    public static List<Column> movedColumns(Table side, Ident sideKey) {
        return side.columns().stream().filter(c -> !c.name().sameAs(sideKey)).toList();
    }
    /** State B: the columns gone from the source, at the end of the target (nullable, with their defaults). */
    public static Schema move(Schema schema, Ident sourceName, List<Ident> columns, Ident into) {
        Optional<Table> source = schema.table(sourceName);
        Optional<Table> target = schema.table(into);
        if (source.isEmpty() || target.isEmpty()) {
            return schema;
        }
        Table from = source.get();
        Table to = target.get();
        for (Ident c : columns) {
            Optional<Column> column = from.column(c);
            if (column.isEmpty()) {
                return schema;
            }
            to = to.withColumn(column.get().withNullable(true));
            from = from.withoutColumn(c);
        }
        return schema.withTable(from).withTable(to);
    }
}
