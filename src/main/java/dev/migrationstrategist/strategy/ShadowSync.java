package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.TriggerBody;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The triggers that keep a shadow table (the copy being built with a wider key) equal to its table, one way, by
 * primary key (pt-online-schema-change's method): AFTER INSERT inserts the row into the shadow, AFTER UPDATE
 * upserts it there (deleting the old key first when the key changed), AFTER DELETE deletes it there. The shadow has no
 * triggers and, until the cutover step before the rename, no foreign keys. MySQL/MariaDB only (one event per trigger,
 * inline bodies).
 *
 * <p>Every CREATE and DROP TRIGGER here fails at once instead of queueing for its table's metadata lock ({@link
 * NoLockWait}, retried by apply with backoff): the applications write the key's table and a referencing table in one
 * transaction, and a DDL queued between their two statements is a metadata-lock deadlock the application loses
 * (measured with a queued CREATE TRIGGER: 2 application errors 1213 in 1 of 3 runs, none in InnoDB's deadlock report).
 *
 * <p>The DELETE trigger is created first, then UPDATE, then INSERT: a row can reach the shadow only through a trigger
 * created after the DELETE one (or through the copy, after all three), so no row deleted meanwhile stays behind in
 * the shadow (measured with INSERT first: 720 rows of the shadows whose rows were gone, the applications' inserts
 * and deletes during the 44 s the triggers took to create).
 *
 * <p>The INSERT trigger inserts without an upsert: a row inserted now cannot be in the shadow yet (the copy reads the
 * table's committed rows under shared locks, and a deleted row was deleted from the shadow too), and an upsert's
 * duplicate check takes a shared next-key lock that deadlocks two sessions inserting adjacent keys (measured for the
 * split's triggers, see {@link OneToOneSync}).
 *
 * @param table   the table the applications write
 * @param shadow  its shadow
 * @param key     the single-column primary key
 * @param columns every column of the table, in table order (the shadow has the same names)
 */
public record ShadowSync(Ident table, Ident shadow, Ident key, List<Ident> columns) {
    private static final Ident X = Ident.of("x");
    private static final Ident S = Ident.of("s");

    public ShadowSync {
        columns = List.copyOf(columns);
    }

    /** The shadow of a table: {@code _<table>_new} (pt-osc's {@code _t_new}), fitted to the name length limit. */
    static Ident shadowOf(Ident table) {
        return Ident.of(Names.fit("_" + table.name() + "_new"));
    }

    /** Where the table goes at the cutover: {@code _<table>_old}. */
    static Ident oldOf(Ident table) {
        return Ident.of(Names.fit("_" + table.name() + "_old"));
    }

    Ident trigger(String event) {
        return Ident.of(Names.fit("_" + table.name() + "_copy_" + event));
    }

    List<String> names() {
        return List.of(trigger("ins").name(), trigger("upd").name(), trigger("del").name());
    }

    /** The three triggers on {@link #table}. */
    List<Rendered> create(Sql sql) {
        String cols = sql.dialect().quoteAll(columns);
        String values = columns.stream().map(c -> "NEW." + sql.q(c)).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + sql.q(shadow) + " (" + cols + ") VALUES (" + values + ")";
        List<Ident> rest = columns.stream().filter(c -> !c.sameAs(key)).toList();
        String upsert = insert + (rest.isEmpty() ? " ON DUPLICATE KEY UPDATE " + sql.q(key) + " = " + sql.q(key)
                : " " + sql.dialect().upsertTail(key, rest));
        String deleteOld = "DELETE FROM " + sql.q(shadow) + " WHERE " + sql.q(key) + " = OLD." + sql.q(key) + ";";
        return List.of(
                trigger(sql, "del", "DELETE", "  " + deleteOld),
                trigger(sql, "upd", "UPDATE", "  IF NOT (OLD." + sql.q(key) + " <=> NEW." + sql.q(key) + ") THEN\n"
                        + "    " + deleteOld + "\n  END IF;\n  " + upsert + ";"),
                trigger(sql, "ins", "INSERT", "  " + insert + ";"));
    }

    private Rendered trigger(Sql sql, String suffix, String event, String body) {
        return sql.r(new NoLockWait(new CreateTrigger(trigger(suffix), table, "AFTER", List.of(event),
                new TriggerBody.Procedure(body))));
    }

    /**
     * Drops the triggers from the table they are on now ({@code on}: the table itself before the cutover, its old
     * name after it); safe to run twice.
     */
    List<Rendered> drop(Sql sql, Ident on) {
        return List.of(sql.r(new NoLockWait(new DropTrigger(trigger("ins"), on, true))),
                sql.r(new NoLockWait(new DropTrigger(trigger("upd"), on, true))),
                sql.r(new NoLockWait(new DropTrigger(trigger("del"), on, true))));
    }

    /** Rows of the table missing from the shadow or different there: 0 once the copy caught up. */
    CountRows missingOrDifferent(Sql sql) {
        String differs = columns.stream().filter(c -> !c.sameAs(key))
                .map(c -> sql.dialect().distinct(col(sql, X, c), col(sql, S, c))).collect(Collectors.joining(" OR "));
        return new CountRows(table, X, new CountRows.Join(true, shadow, S, key, key), col(sql, S, key) + " IS NULL"
                + (differs.isEmpty() ? "" : " OR " + differs));
    }

    /** Rows of the shadow whose key is gone from the table: 0 when the delete trigger kept up. */
    CountRows extra(Sql sql) {
        return new CountRows(shadow, S, new CountRows.Join(true, table, X, key, key), col(sql, X, key) + " IS NULL");
    }

    private static String col(Sql sql, Ident alias, Ident column) {
        return sql.q(alias) + "." + sql.q(column);
    }
}
