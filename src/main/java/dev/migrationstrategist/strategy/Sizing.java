package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.schema.Ident;

import java.text.NumberFormat;
import java.util.Locale;

/** Table size decides between the online path and a direct statement; this says which and why. */
final class Sizing {
    private Sizing() {
    }

    /** True when the table is known to be below {@code --large-table-rows}; unknown size counts as large. */
    static boolean small(PlanContext ctx, Ident table) {
        return !ctx.isLarge(table);
    }

    /** The bullet that says why a direct statement is fine here. */
    static String why(PlanContext ctx, Ident table, String what) {
        NumberFormat f = NumberFormat.getIntegerInstance(Locale.US);
        return "`" + table + "` has " + f.format(ctx.rows(table).orElse(0)) + " rows, below --large-table-rows "
                + f.format(ctx.options().largeTableRows()) + ": " + what + ", so the direct statement in one step is"
                + " fine (with the lock timeout, and retried if it times out).";
    }
}
