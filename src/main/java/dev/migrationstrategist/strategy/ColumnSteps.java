package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.NotNullRoute;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.Rendered;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small builders the column strategies share: schema steps, size reasoning, NOT NULL without a long lock. */
final class ColumnSteps {
    private ColumnSteps() {
    }

    static SchemaStep step(Phase phase, String action, Ident table, String details, List<String> bullets,
                           List<Rendered> sql, String lock, boolean blocking, boolean transactional,
                           List<String> actions, String stateAfter, Rollback rollback) {
        return new SchemaStep(0, phase, null, action, table.name(), details, bullets, sql, lock, blocking,
                transactional, actions, stateAfter, rollback);
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    /** Why the direct statement is fine on a table the user said is small. */
    static String smallTable(PlanContext ctx, Ident table, String cost) {
        return "`" + table + "` has " + count(ctx.rows(table).orElse(0)) + " rows, below --large-table-rows "
                + count(ctx.options().largeTableRows()) + ": " + cost + " takes milliseconds at this size, so the"
                + " direct statement is the right tool (the expand/contract path would only add risk).";
    }

    /** Throws unless the column is not part of the primary key and no foreign key involves it. */
    static void requireNoKeys(PlanContext ctx, Table table, Ident column, String what) {
        if (table.primaryKey().map(pk -> pk.covers(column)).orElse(false)) {
            throw StrategistException.invalid(what + ": " + column + " is part of the primary key of " + table.name()
                    + "; that is not supported yet");
        }
        for (Table other : ctx.schema().tables()) {
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(table.name())
                        && fk.referencedColumns().stream().anyMatch(col -> col.sameAs(column))) {
                    throw StrategistException.invalid(what + ": foreign key "
                            + (fk.name() == null ? "" : fk.name() + " ") + "on " + other.name() + " references "
                            + table.name() + "." + column + "; drop or change that foreign key first");
                }
            }
        }
    }

    /**
     * The step that makes {@code column} NOT NULL without holding ACCESS EXCLUSIVE during a scan. PostgreSQL 12+:
     * CHECK NOT VALID, VALIDATE (SHARE UPDATE EXCLUSIVE, reads and writes go on), SET NOT NULL (no scan thanks to
     * the valid check), drop the check; each statement commits on its own, so the VALIDATE scan never runs under
     * the ACCESS EXCLUSIVE lock of the first statement. PostgreSQL 10/11: the validated CHECK is where it stops
     * (SET NOT NULL would scan under ACCESS EXCLUSIVE). MySQL/MariaDB: MODIFY in place with LOCK=NONE.
     */
    /**
     * What {@link #notNull} leaves in the catalog when it stops at the validated check (PostgreSQL before 12), or
     * null when the column itself becomes NOT NULL.
     */
    static dev.migrationstrategist.plan.CheckedNotNull checkedNotNull(Sql sql, Ident table, Column column) {
        if (!sql.dialect().notNullStopsAtCheck()) {
            return null;
        }
        return new dev.migrationstrategist.plan.CheckedNotNull(table, column.name(),
                Names.constraint(table, column.name(), "not_null"));
    }

    static SchemaStep notNull(Sql sql, Phase phase, Ident table, Column column, List<String> extraBullets,
                              List<String> actions) {
        NotNullRoute route = sql.dialect().notNullRoute(table, column);
        List<String> bullets = new ArrayList<>(extraBullets);
        bullets.addAll(route.bullets());
        List<String> allActions = new ArrayList<>(actions);
        allActions.add(route.failureAction());
        return step(phase, "set_not_null", table, column.name().name(), bullets, sql.rAll(route.statements()),
                route.lock(), true, false, allActions, route.stateAfter(),
                Rollback.withSql("allow NULL again; nothing is lost", sql.rAll(route.rollback())));
    }

    /**
     * {@code statements} preceded, on a partitioned table where DDL is transactional (PostgreSQL), by {@code LOCK
     * TABLE t IN ACCESS EXCLUSIVE MODE}: the parent, then every partition, the order an application statement through
     * the parent locks them in. Without it a DROP TRIGGER or RENAME on the parent locked a partition before the
     * parent and closed a cycle with an application statement holding the parent and waiting for that partition
     * (40P01 for the application in the kill tests and a rehearsal, measured on PostgreSQL 15).
     */
    static List<dev.migrationstrategist.statement.Rendered> lockingPartitions(Sql sql,
            dev.migrationstrategist.schema.Table table, List<dev.migrationstrategist.statement.Rendered> statements) {
        if (!table.partitioning().partitioned() || !sql.dialect().transactionalDdl()) {
            return statements;
        }
        List<dev.migrationstrategist.statement.Rendered> out = new java.util.ArrayList<>();
        out.add(sql.r(new dev.migrationstrategist.statement.LockTablesInOrder(List.of(table.name()))));
        out.addAll(statements);
        return out;
    }
}
