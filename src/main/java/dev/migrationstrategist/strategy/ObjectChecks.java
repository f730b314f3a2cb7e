package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import java.util.List;

/** Validation shared by the constraint and index strategies; each failure is one line naming what is wrong. */
final class ObjectChecks {
    private ObjectChecks() {
    }

    static void requireColumns(PlanContext ctx, Ident table, List<Ident> columns) {
        for (Ident c : columns) {
            ctx.requireColumn(table, c);
        }
    }

    /** No constraint or index of that name exists where the dialect would see a clash. */
    static void requireFreeName(PlanContext ctx, Ident table, Ident name, String what) {
        boolean schemaWide = ctx.dialect().indexNamesSchemaWide();
        for (Table t : ctx.schema().tables()) {
            if (!schemaWide && !t.name().sameAs(table)) {
                continue;
            }
            boolean clash = t.constraints().stream().anyMatch(c -> c.name() != null && c.name().sameAs(name))
                    || t.indexes().stream().anyMatch(i -> i.name().sameAs(name));
            if (clash) {
                throw StrategistException.invalid(what + ": table " + t.name() + " already has a constraint or index"
                        + " named " + name + "; name it differently");
            }
        }
    }

    /**
     * Throws naming both columns when a foreign-key column's type cannot reference its key column's type on this
     * engine (InnoDB: a signed and an unsigned integer, or integers of different sizes), instead of leaving the
     * server to fail at apply with an error that names neither.
     */
    static void requireCompatibleKeyTypes(PlanContext ctx, Table child, List<Ident> columns, Table parent,
                                          List<Ident> referenced, String what) {
        for (int i = 0; i < Math.min(columns.size(), referenced.size()); i++) {
            var c = child.column(columns.get(i));
            var p = parent.column(referenced.get(i));
            if (c.isEmpty() || p.isEmpty()) {
                continue;
            }
            var mismatch = ctx.dialect().foreignKeyTypeMismatch(c.get().type(), p.get().type());
            if (mismatch.isPresent()) {
                throw dev.migrationstrategist.error.StrategistException.invalid(what + ": " + child.name() + "."
                        + c.get().name() + " (" + c.get().type() + ") cannot reference " + parent.name() + "."
                        + p.get().name() + " (" + p.get().type() + "): " + mismatch.get() + "; change "
                        + child.name() + "." + c.get().name() + " to " + p.get().type() + " first");
            }
        }
    }

    static boolean indexedBy(Table table, List<Ident> columns) {
        return Names.indexedBy(table, columns);
    }

    /** True when the primary key, a unique constraint or a unique index is exactly on these columns. */
    static boolean uniqueOn(Table table, List<Ident> columns) {
        for (Constraint c : table.constraints()) {
            if ((c instanceof Constraint.PrimaryKey || c instanceof Constraint.Unique) && sameSet(c.columns(), columns)) {
                return true;
            }
        }
        return table.indexes().stream().anyMatch(i -> i.unique() && i.where() == null && sameSet(i.columns(), columns));
    }

    static boolean startsWith(List<Ident> index, List<Ident> columns) {
        return dev.migrationstrategist.schema.Names.startsWith(index, columns);
    }

    private static boolean sameSet(List<Ident> a, List<Ident> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(x::sameAs));
    }
}
