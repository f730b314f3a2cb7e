package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.AlterColumnType;
import dev.migrationstrategist.statement.ColumnRename;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.RenameColumns;
import dev.migrationstrategist.statement.RenameTable;
import dev.migrationstrategist.statement.RenameTables;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.TableRename;
import dev.migrationstrategist.statement.Wrapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema step's typed statements do to the columns and tables that exist before it, as the objects using
 * them see it. Where views bind to columns and tables (PostgreSQL: by attribute number and OID) an object is
 * followed through the step's renames: a column renamed away and then dropped (a type swap) is dropped. Where they
 * name them (MySQL/MariaDB) a name matters: it is gone when no statement of the step gives it back (a swap renames
 * another column or table to it).
 */
final class StepFates {
    /** What the step does to an object that existed before it. */
    enum Fate {
        DROPPED("drops"), RENAMED("renames"), RETYPED("changes the type of"),
        /** Renamed away while another object takes its name (a type swap): what binds to it stays on the old one. */
        SWAPPED("swaps a new column or table in under the name of");

        final String verb;

        Fate(String verb) {
            this.verb = verb;
        }
    }

    /** {@code object} (a {@link DbObject.Column} or {@link DbObject.Table}, named as before the step) and its fate. */
    record Affected(DbObject object, Fate fate) {
    }

    private StepFates() {
    }

    static List<Affected> of(List<Statement> statements, boolean bound) {
        return bound ? byIdentity(statements) : byName(statements);
    }

    private static Statement unwrap(Statement s) {
        return s instanceof Wrapping w ? unwrap(w.statement()) : s;
    }

    /** MySQL/MariaDB: the names a statement frees and no later statement of the step takes again. */
    private static List<Affected> byName(List<Statement> statements) {
        Map<DbObject, Fate> gone = new LinkedHashMap<>();
        for (Statement wrapped : statements) {
            Statement s = unwrap(wrapped);
            Fate fate = s instanceof DropColumns || s instanceof DropTable ? Fate.DROPPED
                    : s instanceof RenameColumns || s instanceof RenameTable || s instanceof RenameTables
                    ? Fate.RENAMED : null;
            if (fate == null) {
                s.creates().forEach(gone::remove);
                continue;
            }
            s.drops().stream().filter(o -> o instanceof DbObject.Column || o instanceof DbObject.Table)
                    .forEach(o -> gone.putIfAbsent(o, fate));
            s.creates().forEach(gone::remove);
        }
        return gone.entrySet().stream().map(e -> new Affected(e.getKey(), e.getValue())).toList();
    }

    /** PostgreSQL: each object followed from its name before the step through the step's renames. */
    private static List<Affected> byIdentity(List<Statement> statements) {
        Map<DbObject, DbObject> origin = new HashMap<>();   // current name -> name before the step
        Map<DbObject, Fate> fates = new LinkedHashMap<>();
        Set<DbObject> renamed = new LinkedHashSet<>();
        for (Statement wrapped : statements) {
            Statement s = unwrap(wrapped);
            if (s instanceof DropColumns d) {
                d.columns().forEach(c -> fates.put(orig(origin, new DbObject.Column(d.table(), c)), Fate.DROPPED));
            } else if (s instanceof DropTable d) {
                fates.put(orig(origin, new DbObject.Table(d.table())), Fate.DROPPED);
            } else if (s instanceof AlterColumnType a) {
                fates.putIfAbsent(orig(origin, new DbObject.Column(a.table(), a.column())), Fate.RETYPED);
            } else if (s instanceof RenameColumns r) {
                Map<DbObject, DbObject> moved = new HashMap<>();
                for (ColumnRename cr : r.renames()) {
                    DbObject from = new DbObject.Column(r.table(), cr.from());
                    DbObject o = orig(origin, from);
                    moved.put(new DbObject.Column(r.table(), cr.to()), o);
                    origin.remove(from);
                    renamed.add(o);
                }
                origin.putAll(moved);
            } else if (s instanceof RenameTable r) {
                renameTable(origin, renamed, r.from(), r.to());
            } else if (s instanceof RenameTables r) {
                for (TableRename tr : r.renames()) {
                    renameTable(origin, renamed, tr.from(), tr.to());
                }
            }
        }
        for (DbObject o : renamed) {
            boolean backUnderItsName = o.equals(origin.get(o));
            if (!backUnderItsName) {
                fates.putIfAbsent(o, origin.containsKey(o) ? Fate.SWAPPED : Fate.RENAMED);
            }
        }
        List<Affected> out = new ArrayList<>();
        fates.forEach((o, f) -> out.add(new Affected(o, f)));
        return out;
    }

    private static void renameTable(Map<DbObject, DbObject> origin, Set<DbObject> renamed, Ident from, Ident to) {
        DbObject table = new DbObject.Table(from);
        DbObject o = orig(origin, table);
        origin.remove(table);
        origin.put(new DbObject.Table(to), o);
        renamed.add(o);
        // its columns keep their identity under the new table name
        Map<DbObject, DbObject> columns = new HashMap<>();
        origin.entrySet().removeIf(e -> {
            if (e.getKey() instanceof DbObject.Column c && c.table().equals(from)) {
                columns.put(new DbObject.Column(to, c.name()), e.getValue());
                return true;
            }
            return false;
        });
        origin.putAll(columns);
    }

    private static DbObject orig(Map<DbObject, DbObject> origin, DbObject current) {
        DbObject o = origin.get(current);
        if (o != null) {
            return o;
        }
        if (current instanceof DbObject.Column c) {
            // a column of a table renamed earlier in the step, not renamed itself: its table's original name
            DbObject table = origin.get(new DbObject.Table(c.table()));
            if (table instanceof DbObject.Table t) {
                return new DbObject.Column(t.name(), c.name());
            }
        }
        return current;
    }
}
