package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Verification queries that gate a constraint: each returns a count that must be 0 before the constraint is
 * added or validated (violating rows, duplicates, NULLs, orphans).
 */
public final class Verify {
    private static final Ident CHILD = Ident.of("c");
    private static final Ident PARENT = Ident.of("p");

    private Verify() {
    }

    /** One query whose result is the sum of the counts {@code counts} return: 0 when every one of them is 0. */
    static String total(List<String> counts) {
        return "SELECT " + counts.stream().map(q -> "(" + withoutTerminator(q) + ")").collect(Collectors.joining(" + "));
    }

    /** The query without surrounding whitespace and a final {@code ;}. */
    static String withoutTerminator(String query) {
        String q = query.strip();
        return q.endsWith(";") ? q.substring(0, q.length() - 1) : q;
    }

    /** Rows that break {@code CHECK (expression)}: those where it is false (NULL passes a check). */
    public static String violations(Sql sql, Ident table, String expression) {
        return sql.countWhere(table, "NOT (" + expression + ")");
    }

    /** Groups of rows that share the same non-NULL values of {@code columns}. */
    public static String duplicates(Sql sql, Ident table, List<Ident> columns) {
        String cols = sql.dialect().quoteAll(columns);
        return "SELECT count(*) FROM (SELECT " + cols + " FROM " + sql.q(table) + " WHERE "
                + columns.stream().map(c -> sql.q(c) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " GROUP BY " + cols + " HAVING count(*) > 1) AS duplicates";
    }

    /**
     * Groups of rows a unique {@code index} would refuse: equal on every key (column or expression, as the index
     * has it), among the rows its predicate covers; keys with a NULL never clash unless the index says NULLS NOT
     * DISTINCT.
     */
    public static String duplicates(Sql sql, Index index) {
        if (index.plainColumns() && index.where() == null && !index.nullsNotDistinct()) {
            return duplicates(sql, index.table(), index.columns());
        }
        List<String> keys = index.elements().stream().map(k -> k.column() != null ? sql.q(k.column())
                : "(" + k.expression() + ")").toList();
        List<String> filters = new java.util.ArrayList<>();
        if (!index.nullsNotDistinct()) {
            keys.forEach(k -> filters.add(k + " IS NOT NULL"));
        }
        if (index.where() != null) {
            filters.add("(" + index.where() + ")");
        }
        String cols = String.join(", ", keys);
        return "SELECT count(*) FROM (SELECT " + cols + " FROM " + sql.q(index.table())
                + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
                + " GROUP BY " + cols + " HAVING count(*) > 1) AS duplicates";
    }

    /** Rows with a NULL in any of {@code columns}. */
    public static String nulls(Sql sql, Ident table, List<Ident> columns) {
        return sql.countWhere(table, columns.stream().map(c -> sql.q(c) + " IS NULL")
                .collect(Collectors.joining(" OR ")));
    }

    /** Rows where {@code to} lacks a value {@code from} has: what dropping {@code from} would lose. */
    public static String missing(Sql sql, Ident table, Ident to, Ident from) {
        return sql.countWhere(table, sql.q(to) + " IS NULL AND " + sql.q(from) + " IS NOT NULL");
    }

    /** NULLs plus duplicate groups: what would make a primary key fail. */
    public static String nullsOrDuplicates(Sql sql, Ident table, List<Ident> columns) {
        return "SELECT (" + nulls(sql, table, columns) + ") + (" + duplicates(sql, table, columns) + ")";
    }

    /** Child rows whose (all non-NULL) key has no parent row: what a foreign key would reject. */
    public static String orphans(Sql sql, Ident child, List<Ident> columns, Ident parent, List<Ident> referenced) {
        StringBuilder sb = new StringBuilder("SELECT count(*) FROM ").append(sql.q(child)).append(" AS ")
                .append(sql.q(CHILD)).append(" WHERE ");
        for (Ident c : columns) {
            sb.append(sql.q(CHILD)).append('.').append(sql.q(c)).append(" IS NOT NULL AND ");
        }
        sb.append("NOT EXISTS (SELECT 1 FROM ").append(sql.q(parent)).append(" AS ").append(sql.q(PARENT))
                .append(" WHERE ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(" AND ");
            }
            sb.append(sql.q(PARENT)).append('.').append(sql.q(referenced.get(i))).append(" = ").append(sql.q(CHILD))
                    .append('.').append(sql.q(columns.get(i)));
        }
        return sb.append(')').toString();
    }
}
