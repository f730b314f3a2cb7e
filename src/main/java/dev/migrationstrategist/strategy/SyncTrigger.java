package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.CreateFunction;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.DropFunction;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.TriggerBody;

import java.util.List;

/**
 * A trigger that keeps an old and a new column equal while both exist, in both directions, so that any two
 * adjacent app versions can run side by side (the way pgroll and pt-online-schema-change keep two shapes
 * consistent).
 *
 * <p>On INSERT the new column wins when it was given (an app that knows it), else it is filled from the old one.
 * On UPDATE the column whose value changed is copied to the other. The backfill's own
 * {@code UPDATE ... SET new = old} therefore leaves both equal.
 *
 * <p>{@code oneWay} (MySQL/MariaDB, for a column no application writes): every write copies the old column into the
 * new one, whatever was written there, so the new column may carry a default without the INSERT trigger taking that
 * default for a value the application gave. PostgreSQL keeps both directions (its swap is one transaction).
 *
 * @param toNew expression that converts the old column's value ({@code NEW.old}) to the new column's type
 * @param toOld expression that converts the new column's value back to the old type
 */
public record SyncTrigger(Ident table, Ident oldColumn, Ident newColumn, String toNew, String toOld, boolean oneWay) {

    public SyncTrigger(Ident table, Ident oldColumn, Ident newColumn, String toNew, String toOld) {
        this(table, oldColumn, newColumn, toNew, toOld, false);
    }

    public static SyncTrigger copying(Sql sql, Ident table, Ident oldColumn, Ident newColumn) {
        return new SyncTrigger(table, oldColumn, newColumn, "NEW." + sql.q(oldColumn), "NEW." + sql.q(newColumn));
    }

    public Ident name() {
        return Names.syncTrigger(table, oldColumn, newColumn);
    }

    /** The statements that install the trigger. */
    public List<Rendered> create(Sql sql) {
        TriggerBody.ColumnSync body = new TriggerBody.ColumnSync(oldColumn, newColumn, toNew, toOld);
        if (sql.dialect().triggersCallFunctions()) {
            return List.of(
                    sql.r(new CreateFunction(name(), body)),
                    sql.r(new CreateTrigger(name(), table, "BEFORE", List.of("INSERT", "UPDATE"),
                            new TriggerBody.ExecuteFunction(name()))));
        }
        TriggerBody mysqlBody = oneWay ? new TriggerBody.Copy(newColumn, toNew) : body;
        return List.of(
                sql.r(new CreateTrigger(insertTrigger(), table, "BEFORE", List.of("INSERT"), mysqlBody)),
                sql.r(new CreateTrigger(updateTrigger(), table, "BEFORE", List.of("UPDATE"), mysqlBody)));
    }

    /** The statements that remove the trigger (and its function on PostgreSQL). */
    public List<Rendered> drop(Sql sql) {
        if (sql.dialect().triggersCallFunctions()) {
            return List.of(sql.r(new DropTrigger(name(), table, true)), sql.r(new DropFunction(name(), true)));
        }
        return List.of(sql.r(new DropTrigger(insertTrigger(), table, true)),
                sql.r(new DropTrigger(updateTrigger(), table, true)));
    }

    private Ident insertTrigger() {
        return Ident.of(Names.fit(name().name() + "_ins"));
    }

    private Ident updateTrigger() {
        return Ident.of(Names.fit(name().name() + "_upd"));
    }
}
