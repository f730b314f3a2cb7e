package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.Optional;

/**
 * A logical value of a row: a column of State A, followed through renames and type changes. Clients write fields;
 * an app version maps each field to the column(s) it reads and writes.
 *
 * @param key    a column of the table's primary key (its value is derived from the row id)
 * @param unique covered by a UNIQUE constraint or index: one value per row id, never updated
 * @param parent the table its single-column foreign key references (its key), or null
 */
record Field(Ident table, Ident name, ValueType type, boolean nullable, boolean hasDefault, boolean key,
             boolean unique, Ident parent) {

    static Field of(Schema schema, Table table, Column column, Dialect dialect) {
        return of(schema, table, column, dialect, java.util.Map.of());
    }

    /**
     * The referenced table of each single-column foreign key the changes add ({@code table.column}, lower case):
     * the app that will get the constraint already writes parent keys in that column, so the validation holds.
     */
    static java.util.Map<String, Ident> addedParents(java.util.List<dev.migrationstrategist.change.Change> changes) {
        java.util.Map<String, Ident> out = new java.util.HashMap<>();
        for (dev.migrationstrategist.change.Change c : changes) {
            if (c instanceof dev.migrationstrategist.change.AddForeignKey fk && fk.columns().size() == 1) {
                out.put(fk.table().lower() + "." + fk.columns().get(0).lower(), fk.referencedTable());
            }
        }
        return out;
    }

    /** The field, with {@code parents} (see {@link #addedParents}) as the foreign keys it will have. */
    static Field of(Schema schema, Table table, Column column, Dialect dialect, java.util.Map<String, Ident> parents) {
        ValueType type = ValueType.of(column.type(), schema, dialect instanceof PostgresDialect);
        boolean key = table.primaryKey().map(pk -> pk.covers(column.name())).orElse(false);
        boolean unique = table.constraints().stream().anyMatch(c -> c instanceof Constraint.Unique
                && c.covers(column.name())) || table.indexes().stream().anyMatch(i -> i.unique()
                && i.covers(column.name()));
        Ident parent = foreignKey(table, column).map(Constraint.ForeignKey::referencedTable)
                .orElse(parents.get(table.name().lower() + "." + column.name().lower()));
        return new Field(table.name(), column.name(), type, column.nullable(),
                column.defaultValue().isPresent(), key, unique, parent);
    }

    static Optional<Constraint.ForeignKey> foreignKey(Table table, Column column) {
        return table.constraints().stream().filter(c -> c instanceof Constraint.ForeignKey && c.covers(column.name()))
                .map(Constraint.ForeignKey.class::cast).findFirst();
    }

    /** Written by an UPDATE of the simulated app: not the key, not unique, not a reference. */
    boolean updatable() {
        return !key && !unique && parent == null && type.supported();
    }

    /** The value a client writes: a parent key for a reference, else the type's value. */
    Object value(long id, long seq, long parentRows) {
        if (parent != null) {
            if (parent.sameAs(table)) {
                return Math.max(1, Math.min(id - 1, parentRows));
            }
            return 1 + Math.floorMod(id * 13 + seq, parentRows);
        }
        return type.value(id, seq, unique || key);
    }

    /** The value of this key column for row {@code id}: the id itself for an integer, else one distinct per id. */
    Object keyValue(long id) {
        return type.kind() == ValueType.Kind.INTEGER ? Long.valueOf(id) : type.value(id, 0, true);
    }

    /** Names the field across the tables of an entity: its State A table and column. */
    String id() {
        return table.lower() + "." + name.lower();
    }

    Field withType(ValueType narrower) {
        return new Field(table, name, narrower, nullable, hasDefault, key, unique, parent);
    }
}
