package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.strategy.ChangeColumnTypeStrategy;

import java.util.List;

/** A type change the server can only do by rewriting (PostgreSQL) or copying (MySQL/MariaDB) a large table. */
public final class ChangeColumnTypeRewrite implements Rule {

    @Override
    public List<Finding> check(Change change, PlanContext context) {
        if (!(change instanceof ChangeColumnType type)) {
            return List.of();
        }
        var table = context.schema().table(type.table());
        var column = table.flatMap(t -> t.column(type.column()));
        if (column.isEmpty() || ChangeColumnTypeStrategy.path(context, column.get(), type.newType(),
                table.get().name()) != ChangeColumnTypeStrategy.Path.SWAP) {
            return List.of();
        }
        String t = type.table().name();
        String c = type.column().name();
        boolean pg = context.dialect() instanceof PostgresDialect;
        String from = column.get().type().sql();
        return List.of(new Finding(id(), Severity.ERROR, t,
                (pg ? "ALTER COLUMN " + c + " TYPE " + type.newType() + " (from " + from + ") rewrites " + t
                        + " and all its indexes under ACCESS EXCLUSIVE: reads and writes wait for the whole rewrite"
                        + " (measured: 3–10 s per million rows on PostgreSQL 15)."
                        : "MODIFY " + c + " " + type.newType() + " (from " + from + ") can only run as ALGORITHM=COPY"
                        + ": the table is copied and writes wait for the whole copy (measured: 4.5–10 s per million"
                        + " rows on MariaDB 10.11)."),
                ChangeColumnTypeStrategy.copiesTables(context, table.get(), column.get())
                        ? "Copy " + t + " (and the tables whose foreign keys reference " + c + ") into shadow tables"
                        + " with the new type, kept in sync by triggers, and swap them in with one atomic RENAME"
                        + " TABLE (this plan's steps)."
                        : "Add " + c + "_new as " + type.newType() + ", keep it in sync with a trigger, backfill it in batches,"
                        + " then swap the names in one short transaction and drop the old column at the contract"
                        + " (this plan's steps)" + (pg ? "." : "; or use pt-online-schema-change / gh-ost as the"
                        + " plan's expand step shows."),
                null));
    }
}
