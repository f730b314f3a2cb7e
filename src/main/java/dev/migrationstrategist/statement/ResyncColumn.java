package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * Copies {@code source} into {@code target} in every row where they differ, in keyset batches over {@code key}: the
 * repair after writes that reached one column and not the other (a swap window killed between dropping one layout's
 * sync triggers and creating the next one's). Idempotent; a pass over a table in sync changes nothing. Rendered as
 * the batch statement, with the batch bounds as the JDBC parameters {@code ?} (lower bound exclusive, upper bound
 * inclusive).
 *
 * @param source          an expression over the row's columns, in {@code target}'s type; a value that does not fit
 *                        becomes NULL, as the sync triggers do
 * @param ownTransactions each batch commits on its own (a pass over every row of a large table, as a rollback that
 *                        converts stored values back): the statement is not transactional, so it never runs inside
 *                        the step's one transaction, which would hold every changed row's lock to its end
 */
public record ResyncColumn(Ident table, Ident key, Ident target, String source,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           java.util.List<Ident> moreKeys,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                           boolean ownTransactions) implements Statement {
    public ResyncColumn {
        moreKeys = moreKeys == null ? java.util.List.of() : java.util.List.copyOf(moreKeys);
    }

    public ResyncColumn(Ident table, Ident key, Ident target, String source) {
        this(table, key, target, source, java.util.List.of(), false);
    }

    public ResyncColumn(Ident table, Ident key, Ident target, String source, java.util.List<Ident> moreKeys) {
        this(table, key, target, source, moreKeys, false);
    }

    /** The same pass with each batch committed on its own (see {@code ownTransactions}). */
    public ResyncColumn inOwnTransactions() {
        return new ResyncColumn(table, key, target, source, moreKeys, true);
    }

    @Override
    public boolean transactional() {
        return !ownTransactions;
    }

    /** Over a key of one or more columns. */
    public static ResyncColumn over(Ident table, java.util.List<Ident> key, Ident target, String source) {
        return new ResyncColumn(table, key.get(0), target, source, key.subList(1, key.size()));
    }

    /** Every column of the key, in order. */
    public java.util.List<Ident> keys() {
        java.util.List<Ident> out = new java.util.ArrayList<>(java.util.List.of(key));
        out.addAll(moreKeys);
        return out;
    }
    @Override
    public String kind() {
        return "resync_column";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.resyncColumn(this);
    }
}
