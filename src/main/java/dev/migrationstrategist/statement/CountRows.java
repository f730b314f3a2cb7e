package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT count(*) FROM t [alias] [[LEFT] JOIN other o ON o.c = alias.c] WHERE <predicate>}: the rows a
 * backfill still has to fix; 0 means done.
 *
 * @param alias     the table's alias, or null (then there is no join)
 * @param join      the table joined to it, or null
 * @param predicate which rows still need the backfill, as the dialect writes it
 */
public record CountRows(Ident table, Ident alias, Join join, String predicate) implements BackfillStatement {
    /**
     * {@code [LEFT] JOIN table alias ON alias.column = <counted alias>.otherColumn}.
     *
     * @param left keep the counted rows that have no match (their joined columns are NULL)
     */
    public record Join(boolean left, Ident table, Ident alias, Ident column, Ident otherColumn) {
        public Join {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(otherColumn, "otherColumn");
        }
    }

    public CountRows {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(predicate, "predicate");
        if (join != null && alias == null) {
            throw new IllegalArgumentException("a join needs the counted table's alias");
        }
    }

    /** The rows of one table that match a predicate. */
    public static CountRows where(Ident table, String predicate) {
        return new CountRows(table, null, null, predicate);
    }

    @Override
    public List<KeyParameters.Param> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "count_rows";
    }

    @Override
    public <R> R accept(BackfillVisitor<R> visitor, KeyParameters parameters) {
        return visitor.countRows(this, parameters);
    }
}
