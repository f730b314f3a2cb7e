package dev.migrationstrategist.strategy;

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
import dev.migrationstrategist.statement.SetNotNull;

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
        String c = column.name().name();
        List<String> bullets = new ArrayList<>(extraBullets);
        List<Rendered> statements = new ArrayList<>();
        List<Rendered> rollback = new ArrayList<>();
        String lock;
        String state = "`" + table + "." + c + "` NOT NULL";
        boolean transactional;
        if (sql.postgres()) {
            Ident check = Names.constraint(table, column.name(), "not_null");
            statements.add(sql.addNotNullCheck(table, column.name(), check));
            statements.add(sql.validateConstraint(table, check));
            transactional = false;
            lock = "ACCESS EXCLUSIVE for milliseconds (ADD CONSTRAINT" + (sql.pg().notNullFromValidCheck()
                    ? ", SET NOT NULL" : "") + "); VALIDATE takes SHARE UPDATE EXCLUSIVE while it scans (reads and"
                    + " writes go on)";
            if (sql.pg().notNullFromValidCheck()) {
                statements.add(sql.r(new SetNotNull(table, column.name())));
                statements.add(sql.dropConstraintIfExists(table, check));
                bullets.add("Make `" + c + "` NOT NULL: a CHECK added NOT VALID, validated without blocking writes,"
                        + " lets SET NOT NULL skip its scan (PostgreSQL 12+); the check is dropped afterwards.");
                bullets.add("Each statement commits on its own, so the VALIDATE scan never holds the ACCESS"
                        + " EXCLUSIVE lock the other statements take for milliseconds.");
                rollback.add(sql.dropNotNull(table, column));
            } else {
                bullets.add("Enforce NOT NULL on `" + c + "` with a validated CHECK (`" + check + "`): on "
                        + sql.dialect().displayName() + " SET NOT NULL always scans the table under ACCESS EXCLUSIVE,"
                        + " so the plan stops at the check (the column stays nullable in the catalog). On PostgreSQL"
                        + " 12+ the valid check lets SET NOT NULL skip its scan.");
                state = "`" + table + "." + c + "` enforced NOT NULL by the valid CHECK " + check;
            }
            rollback.add(sql.dropConstraintIfExists(table, check));
        } else {
            statements.add(sql.modifyColumn(table, column.withNullable(false),
                    dev.migrationstrategist.statement.OnlineDdl.INPLACE));
            transactional = false;
            lock = sql.dialect().lockWords(dev.migrationstrategist.statement.OnlineDdl.INPLACE) + " (the table is rebuilt in"
                    + " place)";
            bullets.add("Make `" + c + "` NOT NULL in place with LOCK=NONE: the table is rebuilt online, reads and"
                    + " writes go on; the statement fails (changing nothing) if a NULL is left (strict sql_mode).");
            rollback.add(sql.modifyColumn(table, column.withNullable(true),
                    dev.migrationstrategist.statement.OnlineDdl.INPLACE));
        }
        List<String> allActions = new ArrayList<>(actions);
        allActions.add(sql.postgres()
                ? "If VALIDATE fails because a NULL is left, the NOT VALID check stays and already rejects new NULLs:"
                  + " fill the NULLs and rerun from VALIDATE, or run the rollback."
                : "If a NULL is left the statement fails and changes nothing: fill the NULLs and rerun.");
        return step(phase, "set_not_null", table, c, bullets, statements, lock, true, transactional, allActions, state,
                Rollback.withSql("allow NULL again; nothing is lost", rollback));
    }
}
