package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One key element of an index: a column or an expression, with what the server keeps for it.
 *
 * @param column       the column, or null for an expression
 * @param expression   the expression (PostgreSQL; MySQL 8 functional key parts) as the server deparses it, without
 *                     the parentheses that wrap it in the index definition ({@code lower((name)::text)},
 *                     {@code tags[1]}), or null for a column
 * @param opclass      a non-default operator class as SQL: quoted where needed, qualified with its schema outside
 *                     {@code pg_catalog}, as pg_dump writes it ({@code public.gin_trgm_ops},
 *                     {@code varchar_pattern_ops}), or null
 * @param opclassParams the operator class parameters as {@code name=value} ({@code siglen=32}), in order
 * @param collation    a collation other than the key's own, as SQL spelled the same way ({@code "C"}), or null
 * @param descending   DESC
 * @param nulls        {@code FIRST} or {@code LAST} where it differs from the default of the direction (ASC: LAST,
 *                     DESC: FIRST), else null
 * @param prefixLength MySQL/MariaDB: the indexed prefix length of a string column ({@code name(10)}), else null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IndexKey(Ident column, String expression, String opclass, List<String> opclassParams,
                       String collation, boolean descending, String nulls, Integer prefixLength) {
    public IndexKey {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("an index key is either a column or an expression");
        }
        opclassParams = opclassParams == null ? List.of() : List.copyOf(opclassParams);
        nulls = nulls == null ? null : nulls.toUpperCase(Locale.ROOT);
        if (nulls != null && !nulls.equals("FIRST") && !nulls.equals("LAST")) {
            throw new IllegalArgumentException("NULLS " + nulls);
        }
        if (nulls != null && nulls.equals(descending ? "FIRST" : "LAST")) {
            nulls = null; // the default of the direction
        }
    }

    public static IndexKey of(Ident column) {
        return new IndexKey(column, null, null, List.of(), null, false, null, null);
    }

    public static IndexKey expression(String expression) {
        return new IndexKey(null, expression, null, List.of(), null, false, null, null);
    }

    /** A column in ascending order with nothing else: what a plain column list means. */
    public boolean plain() {
        return column != null && opclass == null && opclassParams.isEmpty() && collation == null && !descending
                && nulls == null && prefixLength == null;
    }

    /** True when the key refers to {@code c}: it is the column, or its expression mentions it. */
    public boolean mentions(Ident c) {
        return column != null ? column.sameAs(c) : ExpressionTokens.of(expression).mentions(c);
    }

    /** The columns of {@code tableColumns} the key refers to. */
    public List<Ident> columnsIn(List<Ident> tableColumns) {
        if (column != null) {
            return List.of(column);
        }
        return ExpressionTokens.of(expression).columnsIn(tableColumns);
    }

    /** The key with {@code from} renamed to {@code to}: the column replaced, or the expression rewritten token by token. */
    public IndexKey renameColumn(Ident from, Ident to, Function<Ident, String> quote) {
        if (column != null) {
            return column.sameAs(from) ? new IndexKey(to, null, opclass, opclassParams, collation, descending, nulls,
                    prefixLength) : this;
        }
        return new IndexKey(null, ExpressionTokens.rename(expression, from, to, quote), opclass, opclassParams,
                collation, descending, nulls, prefixLength);
    }
}
