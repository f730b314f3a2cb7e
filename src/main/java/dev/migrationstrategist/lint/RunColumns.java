package dev.migrationstrategist.lint;

import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns a run's own files added to tables the state has no model of (a folder linted without {@code --schema}
 * / {@code --db} whose tables were created before its first file): {@code V2} adds {@code orders.note VARCHAR(50)},
 * so {@code V3}'s {@code MODIFY note VARCHAR(100)} is judged from VARCHAR(50), not as a change from an unknown type.
 * Only these columns are known of such a table; it never enters the state, so no rule takes it for the whole table.
 */
final class RunColumns {
    /** "table.column" (lower case) → the column as the run's files left it. */
    private final Map<String, Column> columns = new LinkedHashMap<>();

    /** Follows a change the state could not take because its table is not in it. */
    void follow(Change change, Schema state) {
        if (state.table(change.table()).isPresent()) {
            return;
        }
        if (change instanceof AddColumn a) {
            columns.put(key(a.table(), a.column().name()), a.column());
        } else if (change instanceof ChangeColumnType t) {
            columns.computeIfPresent(key(t.table(), t.column()), (k, c) -> c.withType(t.newType()));
        } else if (change instanceof RenameColumn r) {
            Column c = columns.remove(key(r.table(), r.column()));
            if (c != null) {
                Column renamed = c.withName(r.newName());
                columns.put(key(r.table(), r.newName()), r.newType() == null ? renamed : renamed.withType(r.newType()));
            }
        } else if (change instanceof DropColumn d) {
            columns.remove(key(d.table(), d.column()));
        } else if (change instanceof DropTable d) {
            columns.keySet().removeIf(k -> k.startsWith(d.table().lower() + "."));
        }
    }

    RunColumns copy() {
        RunColumns c = new RunColumns();
        c.columns.putAll(columns);
        return c;
    }

    boolean knows(String table, String column) {
        return columns.containsKey(table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT));
    }

    /**
     * The state to judge a type change of a column the run added to a table the state lacks: the state plus that
     * table holding only this column; empty when the change is no such type change.
     */
    Optional<Schema> judging(Change change, Schema state) {
        if (!(change instanceof ChangeColumnType t) || state.table(t.table()).isPresent()) {
            return Optional.empty();
        }
        Column c = columns.get(key(t.table(), t.column()));
        return c == null ? Optional.empty() : Optional.of(state.withTable(Table.of(t.table().name(), c)));
    }

    private static String key(Ident table, Ident column) {
        return table.lower() + "." + column.lower();
    }
}
