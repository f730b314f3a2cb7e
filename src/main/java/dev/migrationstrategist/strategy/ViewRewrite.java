package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A view's query with one column of one table renamed, rewritten on the parsed query (JSqlParser), never on its
 * text: every column reference that can only mean {@code table.from} now names {@code to}, and a top-level output
 * column that took its name from {@code from} keeps that name through an alias, so the view's readers see the same
 * columns. Used where a plan would otherwise leave a view on a column the contract drops: the plan recreates the
 * view ({@code CREATE OR REPLACE VIEW}) with this query before the drop.
 *
 * <p>Conservative by design: the rewrite is refused (empty) whenever a reference could mean something else, i.e.
 * when the query does not parse, joins with {@code USING} or {@code NATURAL}, reads a derived table or a CTE, gives
 * the table's alias to another table too, qualifies a column with a name it does not read, or names {@code from}
 * unqualified while it reads another table (whose columns the plan may not know). The answer depends on the query
 * and the names only, so planning again from the plan file's State A gives the same rewrite. A refused rewrite leaves the plan's refusal (recreate
 * the view yourself) in place.
 */
final class ViewRewrite {
    private ViewRewrite() {
    }

    /** The view query with {@code table.from} renamed to {@code to}, or empty when that cannot be decided safely. */
    static Optional<String> renameColumn(Dialect dialect, String query, Ident table, Ident from, Ident to) {
        Select select = parse(query);
        Nodes nodes = select == null ? null : Nodes.of(select);
        if (nodes == null || nodes.unsafe) {
            return Optional.empty();
        }
        // Every table the query reads, with the name it is referred to by (its alias, else its own name). Only the
        // renamed table's own columns are known (the plan may hold no other table): a bare reference to the column
        // is therefore taken as the table's only when the query reads no other table.
        List<String> ours = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (net.sf.jsqlparser.schema.Table t : nodes.tables) {
            Ident named = ident(dialect, t);
            if (named == null) {
                return Optional.empty();
            }
            String ref = (t.getAlias() != null ? unquote(t.getAlias().getName()) : unquote(t.getName()))
                    .toLowerCase(java.util.Locale.ROOT);
            (named.sameAs(table) ? ours : others).add(ref);
        }
        if (ours.isEmpty() || ours.stream().anyMatch(others::contains)) {
            return Optional.empty();
        }
        java.util.Set<Column> renamed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Column c : nodes.columns) {
            if (!from.sameAs(Ident.of(unquote(c.getColumnName())))) {
                continue;
            }
            net.sf.jsqlparser.schema.Table qualifier = c.getTable();
            boolean mine;
            if (qualifier == null || qualifier.getName() == null) {
                if (!others.isEmpty()) {
                    return Optional.empty(); // another table might have a column of that name
                }
                mine = true;
            } else if (qualifier.getSchemaName() != null) {
                Ident named = ident(dialect, qualifier);
                mine = named != null && named.sameAs(table);
            } else {
                String q = unquote(qualifier.getName()).toLowerCase(java.util.Locale.ROOT);
                mine = ours.contains(q);
                if (!mine && !others.contains(q)) {
                    return Optional.empty(); // a qualifier we cannot place
                }
            }
            if (mine) {
                c.setColumnName(dialect.quote(to));
                renamed.add(c);
            }
        }
        if (renamed.isEmpty()) {
            return Optional.empty();
        }
        // Output columns keep their names: a bare reference that now reads `to` is aliased to the old name.
        PlainSelect top = select instanceof PlainSelect p ? p : null;
        if (top != null) {
            for (SelectItem<?> item : top.getSelectItems()) {
                if (item.getAlias() == null && item.getExpression() instanceof Column c && renamed.contains(c)) {
                    item.setAlias(new Alias(dialect.quote(from), true));
                }
            }
        }
        return Optional.of(select.toString());
    }

    /**
     * The view query reading table {@code to} wherever it read table {@code from}: each reference to the table, and
     * each column qualified by the table's own name, renamed. Empty when that cannot be decided safely: the query
     * does not parse, or gives the old name to something else (an alias or a CTE), or does not read the table.
     */
    static Optional<String> renameTable(Dialect dialect, String query, Ident from, Ident to) {
        Select select = parse(query);
        Nodes nodes = select == null ? null : Nodes.of(select);
        if (nodes == null || nodes.withItems || nodes.tableStars) {
            return Optional.empty();
        }
        List<net.sf.jsqlparser.schema.Table> reads = new ArrayList<>();
        for (net.sf.jsqlparser.schema.Table t : nodes.tables) {
            Ident named = ident(dialect, t);
            if (named == null) {
                return Optional.empty();
            }
            if (named.sameAs(from)) {
                reads.add(t);
            } else if (t.getAlias() != null && from.sameAs(Ident.of(unquote(t.getAlias().getName())))) {
                return Optional.empty(); // another table read under the old name
            }
        }
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        boolean bareRead = reads.stream().anyMatch(t -> t.getAlias() == null);
        for (Column c : nodes.columns) {
            net.sf.jsqlparser.schema.Table q = c.getTable();
            if (q == null || q.getName() == null) {
                continue;
            }
            Ident named = ident(dialect, q);
            if (named != null && named.sameAs(from) && (q.getSchemaName() != null || bareRead)) {
                q.setName(dialect.quote(Ident.of(to.name())));
            }
        }
        for (net.sf.jsqlparser.schema.Table t : reads) {
            t.setName(dialect.quote(Ident.of(to.name())));
        }
        return Optional.of(select.toString());
    }

    /** The query parsed, or null when it does not parse or is not a SELECT. */
    private static Select parse(String query) {
        try {
            Statement parsed = CCJSqlParserUtil.parse(Verify.withoutTerminator(query));
            return parsed instanceof Select select ? select : null;
        } catch (JSQLParserException | RuntimeException e) {
            return null;
        }
    }

    private static Ident ident(Dialect dialect, net.sf.jsqlparser.schema.Table t) {
        if (t.getName() == null) {
            return null;
        }
        return dialect.resolved(t.getSchemaName() == null ? null : unquote(t.getSchemaName()), unquote(t.getName()));
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            char q = name.charAt(0);
            return name.substring(1, name.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return name;
    }

    /**
     * Every table and column node of the query, found by walking the whole parsed tree (every field of every parser
     * node, so no clause is missed: select list, joins, WHERE, GROUP BY, HAVING, ORDER BY, window definitions,
     * subqueries), and whether it holds a construct the rewrite does not handle. A column's qualifier is part of the
     * column, not a table read.
     */
    private static final class Nodes {
        final List<net.sf.jsqlparser.schema.Table> tables = new ArrayList<>();
        final List<Column> columns = new ArrayList<>();
        boolean unsafe;
        boolean withItems;
        boolean tableStars;
        private final java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        /** The nodes of {@code select}, or null when the walk failed. */
        static Nodes of(Select select) {
            Nodes nodes = new Nodes();
            try {
                nodes.collect(select);
                return nodes;
            } catch (RuntimeException e) {
                return null;
            }
        }

        void collect(Object node) {
            if (node == null || !seen.add(node)) {
                return;
            }
            if (node instanceof Column c) {
                columns.add(c);
                return;
            }
            if (node instanceof net.sf.jsqlparser.schema.Table t) {
                tables.add(t);
                return;
            }
            if (node instanceof WithItem<?>) {
                withItems = true;
                unsafe = true;
                return;
            }
            if (node instanceof AllTableColumns) {
                unsafe = true;
                tableStars = true;
                return;
            }
            if (node instanceof PlainSelect p) {
                check(p.getFromItem(), p.getJoins());
            } else if (node instanceof ParenthesedFromItem p) {
                check(p.getFromItem(), p.getJoins());
            }
            if (node instanceof Iterable<?> items) {
                items.forEach(this::collect);
                return;
            }
            if (node instanceof Object[] items) {
                for (Object item : items) {
                    collect(item);
                }
                return;
            }
            if (!node.getClass().getName().startsWith("net.sf.jsqlparser.")) {
                return;
            }
            for (Class<?> k = node.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()
                            || f.getType() == String.class) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        collect(f.get(node));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        unsafe = true;
                    }
                }
            }
        }

        private void check(FromItem from, List<Join> joins) {
            if (from instanceof ParenthesedSelect) {
                unsafe = true;
            }
            if (joins != null) {
                for (Join join : joins) {
                    if (join.isNatural() || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()
                            || join.getFromItem() instanceof ParenthesedSelect) {
                        unsafe = true;
                    }
                }
            }
        }
    }
}
