package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A secondary index, with everything needed to build an exact copy of it.
 *
 * <p>{@code columns} are the table columns its keys refer to, in key order: a column key's column, the columns an
 * expression key mentions. {@code keys} are the key elements themselves (column or expression, operator class,
 * collation, order, NULLS order, prefix length); an index whose keys are just its columns in ascending order with
 * nothing else keeps {@code keys} empty (see {@link #elements()}). {@code include} are the {@code INCLUDE} columns
 * (PostgreSQL), {@code where} the predicate of a partial index, {@code with} its storage parameters as
 * {@code name=value}, {@code nullsNotDistinct} PostgreSQL 15's {@code NULLS NOT DISTINCT}, {@code invisible} a MySQL
 * {@code INVISIBLE} / MariaDB {@code IGNORED} index. {@code method} is the access method in lower case
 * ({@code gin}, {@code hash}, {@code fulltext}, {@code spatial}), null for the default b-tree.
 *
 * <p>Expressions and the predicate are kept as their source spells them: the live catalog and a dump give the
 * server's own deparsed text (equal to each other), hand-written DDL what it wrote. They are searched and rewritten
 * through {@link ExpressionTokens}, never by a textual replace.
 */
public record Index(Ident name, Ident table, List<Ident> columns, boolean unique, String method, String where,
                    boolean valid,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IndexKey> keys,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Ident> include,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nullsNotDistinct,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> with,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean invisible) {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        keys = keys == null ? List.of() : List.copyOf(keys);
        include = include == null ? List.of() : List.copyOf(include);
        with = with == null ? List.of() : List.copyOf(with);
        if (!keys.isEmpty() && keys.stream().allMatch(IndexKey::plain)
                && keys.stream().map(IndexKey::column).toList().equals(columns)) {
            keys = List.of(); // just its columns: the short form
        }
    }

    public Index(Ident name, Ident table, List<Ident> columns, boolean unique, String method, String where,
                 boolean valid) {
        this(name, table, columns, unique, method, where, valid, List.of(), List.of(), false, List.of(), false);
    }

    public static Index on(String table, String name, boolean unique, String... columns) {
        return new Index(Ident.of(name), Ident.of(table), java.util.Arrays.stream(columns).map(Ident::of).toList(),
                unique, null, null, true);
    }

    /** The key elements: {@code keys}, or the columns as plain ascending keys. */
    public List<IndexKey> elements() {
        return keys.isEmpty() ? columns.stream().map(IndexKey::of).toList() : keys;
    }

    /** True when only plain columns are its keys (no expression, operator class, order, ...). */
    public boolean plainColumns() {
        return keys.isEmpty();
    }

    /**
     * True when the index refers to the column anywhere: as a key, inside a key expression, in {@code INCLUDE} or
     * in its predicate (PostgreSQL drops such an index with the column).
     */
    public boolean covers(Ident column) {
        return columns.stream().anyMatch(c -> c.sameAs(column)) || include.stream().anyMatch(c -> c.sameAs(column))
                || keys.stream().anyMatch(k -> k.mentions(column))
                || where != null && ExpressionTokens.of(where).mentions(column);
    }

    /**
     * The same index with column {@code from} renamed to {@code to} everywhere it appears (key columns, key
     * expressions, {@code INCLUDE}, predicate); expressions are rewritten token by token with {@code quote} spelling
     * the new name.
     */
    public Index renameColumn(Ident from, Ident to, Function<Ident, String> quote) {
        return new Index(name, table, Constraint.rename(columns, from, to), unique, method,
                ExpressionTokens.rename(where, from, to, quote), valid,
                keys.stream().map(k -> k.renameColumn(from, to, quote)).toList(),
                Constraint.rename(include, from, to), nullsNotDistinct, with, invisible);
    }

    /**
     * {@link #renameColumn(Ident, Ident, Function)} for the model alone (no dialect at hand): the new name bare when
     * it is a lower-case plain name, else in the quotes the index's expressions already use (backticks where they
     * use backticks, double quotes otherwise).
     */
    public Index renameColumn(Ident from, Ident to) {
        return renameColumn(from, to, ExpressionTokens.modelQuote(java.util.stream.Stream.concat(
                keys.stream().map(IndexKey::expression), java.util.stream.Stream.of(where))));
    }

    public Index withColumns(List<Ident> newColumns) {
        return new Index(name, table, newColumns, unique, method, where, valid, keys, include, nullsNotDistinct, with,
                invisible);
    }

    public Index withName(Ident newName) {
        return new Index(newName, table, columns, unique, method, where, valid, keys, include, nullsNotDistinct, with,
                invisible);
    }

    public Index withTable(Ident newTable) {
        return new Index(name, newTable, columns, unique, method, where, valid, keys, include, nullsNotDistinct, with,
                invisible);
    }

    public Index withUnique(boolean newUnique) {
        return new Index(name, table, columns, newUnique, method, where, valid, keys, include, nullsNotDistinct, with,
                invisible);
    }

    public Index withValid(boolean newValid) {
        return new Index(name, table, columns, unique, method, where, newValid, keys, include, nullsNotDistinct, with,
                invisible);
    }
}
