package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * Copies {@code source} into {@code target} in every row where they differ, in keyset batches over {@code key}: the
 * repair after writes that reached one column and not the other (a swap window killed between dropping one layout's
 * sync triggers and creating the next one's). Idempotent; a pass over a table in sync changes nothing. Rendered as
 * the batch statement, with the batch bounds as the JDBC parameters {@code ?} (lower bound exclusive, upper bound
 * inclusive).
 *
 * @param source an expression over the row's columns, in {@code target}'s type; a value that does not fit becomes
 *               NULL, as the sync triggers do
 */
public record ResyncColumn(Ident table, Ident key, Ident target, String source) implements Statement {
    @Override
    public String kind() {
        return "resync_column";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.resyncColumn(this);
    }
}
