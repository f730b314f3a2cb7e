package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.CreateFunction;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.DropFunction;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.TriggerBody;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Triggers that keep moved columns equal in a table and in an EXISTING 1:1 table of it (a move of columns), while
 * both shapes exist. Unlike {@link OneToOneSync} for a split, the side table already has rows that the running app
 * inserts itself, so the triggers never create a side row (that would break the app's own INSERT with a duplicate
 * key):
 *
 * <ul>
 *   <li>an update of the main row reaches its side row when there is one (a main row without a side row keeps its
 *   values until the backfill, or the app that writes both shapes, creates that row);</li>
 *   <li>a side row inserted with none of the moved values (an app version that does not know them) takes them
 *   from its main row; one inserted with values, and every update of a side row, copies them to the main row.</li>
 * </ul>
 *
 * Each trigger writes the other table only when the row there differs, which ends the ping-pong after one hop and
 * keeps MySQL/MariaDB from refusing a trigger that updates the table its statement uses (error 1442).
 */
public record MoveSync(Ident main, Ident mainKey, Ident side, Ident sideKey, List<Ident> columns) {
    private static final Ident M = Ident.of("m");
    private static final Ident S = Ident.of("s");

    public MoveSync {
        columns = List.copyOf(columns);
    }

    Ident mainTrigger() {
        return Ident.of(Names.fit(main.name() + "_sync_" + side.name()));
    }

    Ident sideTrigger() {
        return Ident.of(Names.fit(side.name() + "_sync_" + main.name()));
    }

    /** Fills a side row inserted without the moved values from its main row (BEFORE INSERT). */
    Ident fillTrigger() {
        return Ident.of(Names.fit(side.name() + "_fill_" + main.name()));
    }

    /** All trigger names, for the bullets. */
    public List<String> names(Sql sql) {
        if (sql.dialect().triggersCallFunctions()) {
            return List.of(mainTrigger().name(), fillTrigger().name(), sideTrigger().name());
        }
        return List.of(mainTrigger().name(), fillTrigger().name(), suffixed(sideTrigger(), "_ins").name(),
                suffixed(sideTrigger(), "_upd").name());
    }

    /**
     * The statements that install the triggers. Rows of the other table are written from AFTER triggers only: a
     * BEFORE trigger whose write comes back to its own row fails on PostgreSQL ("tuple to be updated was already
     * modified by an operation triggered by the current command").
     */
    public List<Rendered> create(Sql sql) {
        String toSide = "IF " + sideDiffers(sql) + " THEN\n    " + updateSide(sql) + "\n  END IF;";
        String toMain = "IF " + mainDiffers(sql) + " THEN\n    " + updateMain(sql) + "\n  END IF;";
        // a side-row UPDATE copies the moved values only when it changed one of them: an app that updates another
        // column of a side row not backfilled yet (v1.0 setting twitter) would otherwise copy its still-empty moved
        // columns over the values the main row holds
        String changed = "(" + columns.stream().map(c -> sql.dialect().distinct("OLD." + sql.q(c), "NEW." + sql.q(c)))
                .collect(Collectors.joining(" OR ")) + ")";
        if (sql.dialect().triggersCallFunctions()) {
            String fromMain = "SELECT " + columns.stream().map(c -> col(sql, main, c))
                    .collect(Collectors.joining(", ")) + " INTO " + columns.stream().map(c -> "NEW." + sql.q(c))
                    .collect(Collectors.joining(", ")) + " FROM " + sql.q(main) + " WHERE " + col(sql, main, mainKey)
                    + " = NEW." + sql.q(sideKey) + ";";
            List<Rendered> out = new ArrayList<>();
            out.addAll(function(sql, mainTrigger(), "AFTER", List.of("UPDATE"), main,
                    "  " + toSide + "\n  RETURN NULL;"));
            out.addAll(function(sql, fillTrigger(), "BEFORE", List.of("INSERT"), side,
                    "  IF " + allNull(sql) + " THEN\n    " + fromMain + "\n  END IF;\n  RETURN NEW;"));
            out.addAll(function(sql, sideTrigger(), "AFTER", List.of("INSERT", "UPDATE"), side,
                    "  IF TG_OP = 'UPDATE' THEN\n    IF NOT " + changed + " THEN\n      RETURN NULL;\n    END IF;\n"
                            + "  END IF;\n  " + toMain + "\n  RETURN NULL;"));
            return out;
        }
        String pull = columns.stream().map(c -> "SET NEW." + sql.q(c) + " = (SELECT " + col(sql, main, c) + " FROM "
                + sql.q(main) + " WHERE " + col(sql, main, mainKey) + " = NEW." + sql.q(sideKey) + ");")
                .collect(Collectors.joining("\n    "));
        // MySQL/MariaDB: no CREATE TRIGGER queues for its table's metadata lock (see NoLockWait): the apps write both
        // tables in one transaction, and a queued one there is a metadata-lock deadlock the application loses
        return List.of(
                trigger(sql, mainTrigger(), "AFTER", "UPDATE", main, "  " + toSide),
                trigger(sql, fillTrigger(), "BEFORE", "INSERT", side, "  IF " + allNull(sql) + " THEN\n    " + pull
                        + "\n  END IF;"),
                trigger(sql, suffixed(sideTrigger(), "_ins"), "AFTER", "INSERT", side, "  " + toMain),
                trigger(sql, suffixed(sideTrigger(), "_upd"), "AFTER", "UPDATE", side, "  IF " + changed
                        + " THEN\n    " + toMain.replace("\n", "\n  ") + "\n  END IF;"));
    }

    /** The statements that remove them (with their functions on PostgreSQL); safe to run twice. */
    public List<Rendered> drop(Sql sql) {
        List<Rendered> out = new ArrayList<>();
        if (sql.dialect().triggersCallFunctions()) {
            out.add(sql.r(new DropTrigger(mainTrigger(), main, true)));
            out.add(sql.r(new DropTrigger(fillTrigger(), side, true)));
            out.add(sql.r(new DropTrigger(sideTrigger(), side, true)));
            out.add(sql.r(new DropFunction(mainTrigger(), true)));
            out.add(sql.r(new DropFunction(fillTrigger(), true)));
            out.add(sql.r(new DropFunction(sideTrigger(), true)));
            return out;
        }
        // MySQL/MariaDB: no DROP TRIGGER queues for its table's metadata lock (see NoLockWait and OneToOneSync#drop)
        out.add(sql.r(new NoLockWait(new DropTrigger(mainTrigger(), main, true))));
        out.add(sql.r(new NoLockWait(new DropTrigger(fillTrigger(), side, true))));
        out.add(sql.r(new NoLockWait(new DropTrigger(suffixed(sideTrigger(), "_ins"), side, true))));
        out.add(sql.r(new NoLockWait(new DropTrigger(suffixed(sideTrigger(), "_upd"), side, true))));
        return out;
    }

    /**
     * Counts the main rows whose values are not in the side table: a side row that differs, or no side row although
     * the main row holds a value. 0 when both shapes agree.
     */
    public CountRows differences(Sql sql) {
        return new CountRows(main, M, new CountRows.Join(true, side, S, sideKey, mainKey), "("
                + col(sql, S, sideKey) + " IS NULL AND " + anyValue(sql, M) + ") OR (" + col(sql, S, sideKey)
                + " IS NOT NULL AND " + anyDiffers(sql, M, S) + ")");
    }

    /** True (as SQL) when a row of {@code alias} holds any moved value. */
    String anyValue(Sql sql, Ident alias) {
        return "(" + columns.stream().map(c -> col(sql, alias, c) + " IS NOT NULL")
                .collect(Collectors.joining(" OR ")) + ")";
    }

    String anyDiffers(Sql sql, Ident a, Ident b) {
        return "(" + columns.stream().map(c -> sql.dialect().distinct(col(sql, a, c), col(sql, b, c)))
                .collect(Collectors.joining(" OR ")) + ")";
    }

    private String allNull(Sql sql) {
        return columns.stream().map(c -> "NEW." + sql.q(c) + " IS NULL").collect(Collectors.joining(" AND "));
    }

    private String differsFromNew(Sql sql, Ident alias) {
        return "(" + columns.stream().map(c -> sql.dialect().distinct(col(sql, alias, c), "NEW." + sql.q(c)))
                .collect(Collectors.joining(" OR ")) + ")";
    }

    /**
     * The side row of the updated main row exists and differs. Trigger bodies name the other table without an alias:
     * MariaDB 10.11 now and then failed a client's INSERT with "Table '<db>.m' doesn't exist" while the triggers
     * were being created, the alias {@code m} of such a subquery resolved as a table.
     */
    private String sideDiffers(Sql sql) {
        return "EXISTS (SELECT 1 FROM " + sql.q(side) + " WHERE " + col(sql, side, sideKey) + " = NEW."
                + sql.q(mainKey) + " AND " + differsFromNew(sql, side) + ")";
    }

    /** The main row of the written side row differs. */
    private String mainDiffers(Sql sql) {
        return "EXISTS (SELECT 1 FROM " + sql.q(main) + " WHERE " + col(sql, main, mainKey) + " = NEW."
                + sql.q(sideKey) + " AND " + differsFromNew(sql, main) + ")";
    }

    private String updateSide(Sql sql) {
        return "UPDATE " + sql.q(side) + " SET " + columns.stream().map(c -> sql.q(c) + " = NEW." + sql.q(c))
                .collect(Collectors.joining(", ")) + " WHERE " + sql.q(sideKey) + " = NEW." + sql.q(mainKey) + ";";
    }

    private String updateMain(Sql sql) {
        return "UPDATE " + sql.q(main) + " SET " + columns.stream().map(c -> sql.q(c) + " = NEW." + sql.q(c))
                .collect(Collectors.joining(", ")) + " WHERE " + sql.q(mainKey) + " = NEW." + sql.q(sideKey) + ";";
    }

    private static String col(Sql sql, Ident alias, Ident column) {
        return sql.q(alias) + "." + sql.q(column);
    }

    /** PostgreSQL: the function with this procedural body, then the trigger of the same name that executes it. */
    private static List<Rendered> function(Sql sql, Ident name, String timing, List<String> events, Ident table,
                                           String body) {
        return List.of(sql.r(new CreateFunction(name, new TriggerBody.Procedure(body))),
                sql.r(new CreateTrigger(name, table, timing, events, new TriggerBody.ExecuteFunction(name))));
    }

    private static Rendered trigger(Sql sql, Ident name, String timing, String event, Ident table, String body) {
        return sql.r(new NoLockWait(new CreateTrigger(name, table, timing, List.of(event),
                new TriggerBody.Procedure(body))));
    }

    private static Ident suffixed(Ident name, String suffix) {
        return Ident.of(Names.fit(name.name() + suffix));
    }
}
