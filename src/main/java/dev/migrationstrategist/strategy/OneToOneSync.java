package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.CreateFunction;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.DropFunction;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.LockTablesInOrder;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.TriggerBody;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Triggers that keep the same columns of two 1:1 tables equal while both shapes exist (a vertical split or a
 * merge): every write of the columns in the main table reaches the side table (the row is created when missing)
 * and every write in the side table reaches the main table. Each trigger writes the other table only when its row
 * is missing or differs, which ends the ping-pong after one hop and keeps MySQL/MariaDB from refusing a trigger that
 * updates the table its statement is using (error 1442; measured on MariaDB 10.11: with the guard, an app write, a
 * batched {@code INSERT ... SELECT} and an {@code UPDATE ... JOIN} backfill all pass). On MySQL/MariaDB the main
 * table's triggers never read the side table (a read inside DML takes shared gap locks where the side row is
 * missing, and two application writes then deadlock): the INSERT trigger inserts the side row, the UPDATE trigger
 * upserts it when a moved value changed, and the side table's triggers mark the row they copy back in a session
 * variable so the UPDATE trigger leaves it alone. Not for a merge, whose backfill ({@code UPDATE ... JOIN} reading the
 * side table) needs the main UPDATE trigger's probe to stay off the side table.
 *
 * <p>A main-table row whose NOT NULL moved columns are NULL (an app version that writes the side table itself) gets
 * no side row from the trigger: the app inserts it.
 *
 * <p>With {@code merge} (the side table is the old shape): an insert into the main table creates the side row
 * only when it carries a moved value, since an app version that still uses the side table inserts that row itself
 * right after; deleting a main row deletes its side row first (the side table's foreign key may not cascade); and
 * the difference count goes from the side rows (a main row without a side row is fine).
 *
 * @param requiredColumns the moved columns the side table holds NOT NULL
 */
public record OneToOneSync(Ident main, Ident mainKey, Ident side, Ident sideKey, List<Ident> columns,
                           List<Ident> requiredColumns, boolean merge) {
    /**
     * Why the contract that drops the triggers runs statement by statement, on every engine: the apps write both
     * tables in one transaction, in both orders (the app's own statements one way, the triggers the other), so a
     * step that held one table's exclusive lock while it waited for the other's would deadlock with them
     * (PostgreSQL's deadlock report of the split-table kill test: a v1.2 upsert into the side table, its trigger
     * waiting for AccessShareLock on the main table, against the contract's transaction, which held the main table
     * and waited for AccessExclusiveLock on the side table; the application was rolled back).
     */
    static final String ONE_BY_ONE = "Each statement commits on its own: the step never holds one table's lock while"
            + " it waits for the other's, which would deadlock with the apps' transactions that write both (a rerun"
            + " resumes after the last statement that took effect).";
    /**
     * Where the step's DDL runs in one transaction (PostgreSQL): {@code LOCK TABLE main, side} first, so the step
     * takes both tables in the order the apps and the main table's triggers write them (the main row, then the side
     * row) and never holds the side table while it waits for the main one. Measured with the rehearsal of a move of
     * columns, whose expand altered the side table first: the step held the side table, its {@code CREATE TRIGGER}
     * on the main table waited for a client's transaction, which waited for the side table (a deadlock in every one
     * of 10 runs, 3 to 34 client errors each). Nothing where each DDL statement commits on its own.
     */
    static List<Rendered> lockBoth(Sql sql, Ident main, Ident side) {
        return sql.dialect().transactionalDdl() ? List.of(sql.r(new LockTablesInOrder(List.of(main, side))))
                : List.of();
    }

    private static final Ident M = Ident.of("m");
    private static final Ident S = Ident.of("s");

    public OneToOneSync {
        columns = List.copyOf(columns);
        requiredColumns = List.copyOf(requiredColumns);
    }

    public Ident mainTrigger() {
        return Ident.of(Names.fit(main.name() + "_sync_" + side.name()));
    }

    public Ident sideTrigger() {
        return Ident.of(Names.fit(side.name() + "_sync_" + main.name()));
    }

    private Ident deleteTrigger() {
        return Ident.of(Names.fit(main.name() + "_del_" + side.name()));
    }

    /** All trigger names, for the bullets. */
    public List<String> names(Sql sql) {
        List<String> out = new ArrayList<>();
        if (sql.dialect().triggersCallFunctions()) {
            out.add(mainTrigger().name());
            out.add(sideTrigger().name());
            if (merge) {
                out.add(deleteTrigger().name());
            }
        } else {
            for (String suffix : List.of("_ins", "_upd")) {
                out.add(suffixed(mainTrigger(), suffix).name());
                out.add(suffixed(sideTrigger(), suffix).name());
            }
            if (merge) {
                out.add(deleteTrigger().name());
            }
        }
        return out;
    }

    /** The statements that install the triggers. */
    public List<Rendered> create(Sql sql) {
        return sql.dialect().triggersCallFunctions() ? postgres(sql) : mysql(sql);
    }

    /** The statements that remove them (with their functions on PostgreSQL); safe to run twice. */
    public List<Rendered> drop(Sql sql) {
        List<Rendered> out = new ArrayList<>();
        if (sql.dialect().triggersCallFunctions()) {
            out.add(sql.r(new DropTrigger(mainTrigger(), main, true)));
            out.add(sql.r(new DropTrigger(sideTrigger(), side, true)));
            if (merge) {
                out.add(sql.r(new DropTrigger(deleteTrigger(), main, true)));
            }
            out.add(sql.r(new DropFunction(mainTrigger(), true)));
            out.add(sql.r(new DropFunction(sideTrigger(), true)));
            if (merge) {
                out.add(sql.r(new DropFunction(deleteTrigger(), true)));
            }
            return out;
        }
        // MySQL/MariaDB: no DROP TRIGGER queues for its table's metadata lock (see NoLockWait): the apps write both
        // tables in one transaction, and a queued DROP TRIGGER there is a deadlock the application loses
        for (String suffix : List.of("_ins", "_upd")) {
            out.add(sql.r(new NoLockWait(new DropTrigger(suffixed(mainTrigger(), suffix), main, true))));
            out.add(sql.r(new NoLockWait(new DropTrigger(suffixed(sideTrigger(), suffix), side, true))));
        }
        if (merge) {
            out.add(sql.r(new NoLockWait(new DropTrigger(deleteTrigger(), main, true))));
        }
        return out;
    }

    /** Counts the main rows whose side row is missing or holds different values: 0 when both shapes agree. */
    public CountRows differences(Sql sql) {
        if (merge) {
            return new CountRows(side, S, new CountRows.Join(false, main, M, mainKey, sideKey), anyDiffers(sql, M, S));
        }
        return new CountRows(main, M, new CountRows.Join(true, side, S, sideKey, mainKey),
                col(sql, S, sideKey) + " IS NULL OR " + anyDiffers(sql, M, S));
    }

    private String anyDiffers(Sql sql, Ident a, Ident b) {
        return "(" + columns.stream().map(c -> sql.dialect().distinct(col(sql, a, c), col(sql, b, c)))
                .collect(Collectors.joining(" OR ")) + ")";
    }

    private String allEqual(Sql sql, Ident a, String newPrefix) {
        return columns.stream().map(c -> sql.dialect().notDistinct(col(sql, a, c), newPrefix + sql.q(c)))
                .collect(Collectors.joining(" AND "));
    }

    private String requiredPresent(Sql sql) {
        return requiredColumns.stream().map(c -> "NEW." + sql.q(c) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
    }

    private static String col(Sql sql, Ident alias, Ident column) {
        return sql.q(alias) + "." + sql.q(column);
    }

    /** The main → side condition: required values present and the side row missing or different. */
    private String mainCondition(Sql sql) {
        String required = requiredPresent(sql);
        if (merge) {
            String any = "(" + columns.stream().map(c -> "NEW." + sql.q(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" OR ")) + ")";
            required = required.isEmpty() ? any : required + " AND " + any;
        }
        return (required.isEmpty() ? "" : required + " AND ") + "NOT EXISTS (SELECT 1 FROM " + sql.q(side)
                + " WHERE " + col(sql, side, sideKey) + " = NEW." + sql.q(mainKey) + " AND "
                + allEqual(sql, side, "NEW.") + ")";
    }

    /**
     * MySQL/MariaDB, main-table INSERT: the side row cannot exist yet (its key references the main row being
     * inserted), so no probe of the side table and no upsert. A probe there is a locking read inside DML: it takes a shared gap
     * lock, and two sessions inserting adjacent new keys then deadlock on each other's gap lock (error 1213; InnoDB's
     * deadlock report of the split-table kill test, where an application insert failed in about one run in four).
     */
    private String mainInsertCondition(Sql sql) {
        String required = requiredPresent(sql);
        if (merge) {
            String any = "(" + columns.stream().map(c -> "NEW." + sql.q(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" OR ")) + ")";
            required = required.isEmpty() ? any : required + " AND " + any;
        }
        return required.isEmpty() ? "TRUE" : required;
    }

    /**
     * MySQL/MariaDB, main-table UPDATE: no probe of the side table. A probe is a locking read inside DML; where the
     * side row is still missing (before the backfill) it takes a shared gap lock, and two sessions updating rows
     * whose side rows fall in the same gap then deadlock on each other's insert (error 1213; InnoDB's deadlock report
     * of the split-table kill test: two v1.0 UPDATEs, each holding "lock mode S locks gap before rec" on the side
     * table's primary key and waiting for "insert intention"). The side row is upserted when a moved value changed,
     * except while the side table's own trigger is copying a side write here ({@link #marker}): that write is the
     * side row's value already, and writing the side table again from there is error 1442.
     */
    private String mainUpdateCondition(Sql sql) {
        String required = requiredPresent(sql);
        String changed = "NOT (" + columns.stream().map(c -> "OLD." + sql.q(c) + " <=> NEW." + sql.q(c))
                .collect(Collectors.joining(" AND ")) + ")";
        return (required.isEmpty() ? "" : required + " AND ") + changed + " AND NOT (" + marker(sql) + " <=> NEW."
                + sql.q(mainKey) + ")";
    }

    /**
     * MySQL/MariaDB: the session variable that holds the key of the row the side table's trigger is copying into the
     * main table (NULL otherwise), so the main table's UPDATE trigger does not copy it back. The side trigger resets
     * it on every exit, an error included.
     */
    private String marker(Sql sql) {
        return "@" + sql.q(sideTrigger());
    }

    /** MySQL/MariaDB side-table trigger body: copies into the main row where it differs, marked as a copy. */
    private String sideBody(Sql sql) {
        return "  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET " + marker(sql) + " = NULL; RESIGNAL; END;\n"
                + "  IF " + sideCondition(sql) + " THEN\n    SET " + marker(sql) + " = NEW." + sql.q(sideKey)
                + ";\n    " + updateMain(sql) + "\n    SET " + marker(sql) + " = NULL;\n  END IF;";
    }

    /**
     * The main row of the written side row differs. Trigger bodies name the other table without an alias: MariaDB
     * 10.11 now and then failed a client's INSERT during the split's expand with "Table '<db>.m' doesn't exist", the
     * alias {@code m} of this subquery resolved as a table while the triggers were being created.
     */
    private String sideCondition(Sql sql) {
        return "EXISTS (SELECT 1 FROM " + sql.q(main) + " WHERE " + col(sql, main, mainKey) + " = NEW."
                + sql.q(sideKey) + " AND NOT (" + allEqual(sql, main, "NEW.") + "))";
    }

    private String upsertSide(Sql sql) {
        List<Ident> targets = new ArrayList<>();
        targets.add(sideKey);
        targets.addAll(columns);
        String values = "NEW." + sql.q(mainKey) + ", " + columns.stream().map(c -> "NEW." + sql.q(c))
                .collect(Collectors.joining(", "));
        String head = "INSERT INTO " + sql.q(side) + " (" + sql.dialect().quoteAll(targets) + ") VALUES (" + values
                + ")";
        return head + "\n      " + sql.dialect().upsertTail(sideKey, columns) + ";";
    }

    /**
     * A plain INSERT of the side row (no upsert): on a main-table insert the side row cannot exist, and an upsert's
     * duplicate check takes a shared next-key lock that deadlocks two sessions inserting adjacent keys.
     */
    private String insertSide(Sql sql) {
        List<Ident> targets = new ArrayList<>();
        targets.add(sideKey);
        targets.addAll(columns);
        return "INSERT INTO " + sql.q(side) + " (" + sql.dialect().quoteAll(targets) + ") VALUES (NEW."
                + sql.q(mainKey) + ", " + columns.stream().map(c -> "NEW." + sql.q(c))
                .collect(Collectors.joining(", ")) + ");";
    }

    private String updateMain(Sql sql) {
        return "UPDATE " + sql.q(main) + " SET " + columns.stream().map(c -> sql.q(c) + " = NEW." + sql.q(c))
                .collect(Collectors.joining(", ")) + " WHERE " + sql.q(mainKey) + " = NEW." + sql.q(sideKey) + ";";
    }

    private String deleteSideRow(Sql sql, String oldPrefix) {
        return "DELETE FROM " + sql.q(side) + " WHERE " + sql.q(sideKey) + " = " + oldPrefix + sql.q(mainKey) + ";";
    }

    private List<Rendered> postgres(Sql sql) {
        List<Rendered> out = new ArrayList<>();
        out.addAll(function(sql, mainTrigger(), "AFTER", List.of("INSERT", "UPDATE"), main, "  IF "
                + mainCondition(sql) + " THEN\n    " + upsertSide(sql) + "\n  END IF;\n  RETURN NULL;"));
        out.addAll(function(sql, sideTrigger(), "AFTER", List.of("INSERT", "UPDATE"), side, "  IF "
                + sideCondition(sql) + " THEN\n    " + updateMain(sql) + "\n  END IF;\n  RETURN NULL;"));
        if (merge) {
            out.addAll(function(sql, deleteTrigger(), "BEFORE", List.of("DELETE"), main,
                    "  " + deleteSideRow(sql, "OLD.") + "\n  RETURN OLD;"));
        }
        return out;
    }

    /** PostgreSQL: the function with this procedural body, then the trigger of the same name that executes it. */
    private static List<Rendered> function(Sql sql, Ident name, String timing, List<String> events, Ident table,
                                           String body) {
        return List.of(sql.r(new CreateFunction(name, new TriggerBody.Procedure(body))),
                sql.r(new CreateTrigger(name, table, timing, events, new TriggerBody.ExecuteFunction(name))));
    }

    private List<Rendered> mysql(Sql sql) {
        List<Rendered> out = new ArrayList<>();
        for (String event : List.of("INSERT", "UPDATE")) {
            String suffix = event.equals("INSERT") ? "_ins" : "_upd";
            // merge: the backfill is an UPDATE ... JOIN of the main table that reads the side table, so the main
            // table's UPDATE trigger must see that the side row holds the value already (the probe), or it would
            // write the side table that statement uses (error 1442)
            String mainUpdate = merge ? mainCondition(sql) : mainUpdateCondition(sql);
            out.add(mysqlTrigger(sql, suffixed(mainTrigger(), suffix), "AFTER", event, main,
                    event.equals("INSERT")
                            ? "  IF " + mainInsertCondition(sql) + " THEN\n    " + insertSide(sql) + "\n  END IF;"
                            : "  IF " + mainUpdate + " THEN\n    " + upsertSide(sql) + "\n  END IF;"));
            out.add(mysqlTrigger(sql, suffixed(sideTrigger(), suffix), "AFTER", event, side, merge
                    ? "  IF " + sideCondition(sql) + " THEN\n    " + updateMain(sql) + "\n  END IF;"
                    : sideBody(sql)));
        }
        if (merge) {
            out.add(mysqlTrigger(sql, deleteTrigger(), "BEFORE", "DELETE", main, "  " + deleteSideRow(sql, "OLD.")));
        }
        return out;
    }

    /**
     * MySQL/MariaDB, merge: no CREATE TRIGGER queues for its table's metadata lock either (see {@link #drop}), since
     * the apps write both existing tables in one transaction: measured with the rehearsal of a merge, a queued CREATE
     * TRIGGER on one table was a metadata-lock deadlock for a client that held the other (error 1213 for the client
     * in 3 of 5 runs). A split's side table is new (no app uses it yet), so its triggers may queue as before: with no
     * queueing, the CREATE TRIGGER on the busy main table took 13 retries (64 s) in one measured run.
     */
    private Rendered mysqlTrigger(Sql sql, Ident name, String timing, String event, Ident table, String body) {
        CreateTrigger create = new CreateTrigger(name, table, timing, List.of(event), new TriggerBody.Procedure(body));
        return merge ? sql.r(new NoLockWait(create)) : sql.r(create);
    }

    private static Ident suffixed(Ident name, String suffix) {
        return Ident.of(Names.fit(name.name() + suffix));
    }
}
