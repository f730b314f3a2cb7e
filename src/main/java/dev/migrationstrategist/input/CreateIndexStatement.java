package dev.migrationstrategist.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written reader for {@code CREATE INDEX}, because JSqlParser 5.3 rejects what pg_dump writes for partial
 * indexes ({@code WHERE (status = 'pending'::public.order_status)}: any WHERE, in fact) and for expression indexes
 * with casts ({@code lower(("EventType")::text)}), and it reports expression elements as if they were column names.
 * Reads {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] [USING m] ON [ONLY] table
 * [USING m] (element, ...) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE t] [WHERE predicate]}
 * and MySQL's trailing {@code USING}, {@code ALGORITHM=}, {@code LOCK=}, {@code COMMENT}, {@code INVISIBLE} and
 * {@code IGNORED}; {@link #readKey} reads the same index written as a {@code KEY} clause of MySQL's CREATE TABLE or
 * ALTER TABLE ADD.
 *
 * @param name             the index name as written, or null where the server names it
 * @param elements         the key elements, as written
 * @param method           the access method, lower case ({@code btree}, {@code gin}, {@code fulltext}), or null
 * @param where            the predicate of a partial index as written, or null
 * @param include          the INCLUDE columns as written
 * @param nullsNotDistinct {@code NULLS NOT DISTINCT}
 * @param with             storage parameters as {@code name=value}, string values unquoted
 * @param invisible        MySQL {@code INVISIBLE}, MariaDB {@code IGNORED}
 */
record CreateIndexStatement(String name, String table, boolean unique, List<Element> elements, String method,
                            String where, List<String> include, boolean nullsNotDistinct, List<String> with,
                            boolean invisible) {

    /**
     * One key element: a column (with a MySQL prefix length) or an expression (as written, parentheses included),
     * then its collation and operator class (as written: quoted, schema-qualified), the operator class parameters,
     * order and NULLS order.
     */
    record Element(String column, Integer prefix, String expression, String collation, String opclass,
                   List<String> opclassParams, boolean descending, String nulls) {
    }

    /** The columns of the plain column elements, as written. */
    List<String> columns() {
        return elements.stream().filter(e -> e.column() != null).map(Element::column).toList();
    }

    /** The expression elements, as written. */
    List<String> expressions() {
        return elements.stream().filter(e -> e.expression() != null).map(Element::expression).toList();
    }

    /** True when {@code sql} is a {@code CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX} statement. */
    static boolean starts(String sql) {
        List<DdlText.Token> t = DdlText.tokens(sql);
        int i = t.size() > 1 && t.get(0).is("CREATE") ? 1 : -1;
        if (i > 0 && (t.get(i).is("UNIQUE") || t.get(i).is("FULLTEXT") || t.get(i).is("SPATIAL"))) {
            i++;
        }
        return i > 0 && i < t.size() && t.get(i).is("INDEX");
    }

    static CreateIndexStatement read(String sql) {
        List<DdlText.Token> t = DdlText.tokens(sql);
        TokenCursor c = new TokenCursor(sql, t);
        c.expect("CREATE");
        boolean unique = c.accept("UNIQUE");
        String method = c.accept("FULLTEXT") ? "fulltext" : c.accept("SPATIAL") ? "spatial" : null;
        c.expect("INDEX");
        c.accept("CONCURRENTLY");
        if (c.accept("IF")) {
            c.expect("NOT");
            c.expect("EXISTS");
        }
        String name = c.peekIs("ON") ? null : c.word();
        if (c.accept("USING")) {
            method = c.word().toLowerCase(Locale.ROOT);
        }
        c.expect("ON");
        c.accept("ONLY");
        String table = c.word();
        return body(sql, c, name, table, unique, method);
    }

    /**
     * {@code [CONSTRAINT [symbol]] [UNIQUE | FULLTEXT | SPATIAL] [KEY | INDEX] [name] [USING m] (parts) [options]}
     * in {@code sql[from, to)}: a MySQL index inside CREATE TABLE or after ALTER TABLE ... ADD.
     */
    static CreateIndexStatement readKey(String sql, int from, int to) {
        String part = sql.substring(0, to);
        List<DdlText.Token> t = DdlText.tokens(part, from, to);
        TokenCursor c = new TokenCursor(part, t);
        String constraint = null;
        if (c.accept("CONSTRAINT")) {
            constraint = c.peekIs("UNIQUE") ? null : c.word();
        }
        boolean unique = c.accept("UNIQUE");
        String method = c.accept("FULLTEXT") ? "fulltext" : c.accept("SPATIAL") ? "spatial" : null;
        if (!c.accept("KEY")) {
            c.accept("INDEX");
        }
        String name = c.more() && t.get(c.index()).kind() == DdlText.Kind.WORD && !c.peekIs("USING") ? c.word()
                : constraint;
        if (c.accept("USING")) {
            method = c.word().toLowerCase(Locale.ROOT);
        }
        return body(part, c, name, null, unique, method);
    }

    private static CreateIndexStatement body(String sql, TokenCursor c, String name, String table, boolean unique,
                                             String method) {
        if (c.accept("USING")) {
            method = c.word().toLowerCase(Locale.ROOT);
        }
        DdlText.Token group = c.group();
        List<Element> elements = new ArrayList<>();
        for (int[] element : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            elements.add(element(sql, DdlText.tokens(sql, element[0], element[1])));
        }
        String where = null;
        List<String> include = List.of();
        List<String> with = List.of();
        boolean nullsNotDistinct = false;
        boolean invisible = false;
        while (c.more()) {
            if (c.accept("WHERE")) {
                where = DdlText.unwrap(c.rest());
            } else if (c.accept("USING")) {
                method = c.word().toLowerCase(Locale.ROOT);
            } else if (c.accept("INCLUDE")) {
                DdlText.Token g = c.group();
                include = DdlText.splitTopLevel(sql, g.start() + 1, g.end() - 1).stream()
                        .map(r -> sql.substring(r[0], r[1])).toList();
            } else if (c.accept("WITH")) {
                if (c.accept("PARSER")) {
                    c.word();
                } else {
                    with = options(sql, c.group());
                }
            } else if (c.accept("TABLESPACE")) {
                c.word();
            } else if (c.accept("NULLS")) {
                nullsNotDistinct = c.accept("NOT");
                c.expect("DISTINCT");
            } else if (c.accept("INVISIBLE") || c.accept("IGNORED")) {
                invisible = true;
            } else if (c.accept("VISIBLE")) {
                invisible = false;
            } else if (c.accept("NOT")) {
                c.expect("IGNORED");
                invisible = false;
            } else if (c.accept("ALGORITHM") || c.accept("LOCK") || c.accept("COMMENT")
                    || c.accept("KEY_BLOCK_SIZE")) {
                c.accept("=");
                c.any();
            } else {
                c.unexpected();
            }
        }
        return new CreateIndexStatement(name, table, unique, elements, method, where, include, nullsNotDistinct,
                with, invisible);
    }

    /**
     * {@code key [COLLATE c] [opclass [(params)]] [ASC | DESC] [NULLS FIRST | LAST]}, read from its end; the key is
     * a column (a name, or MySQL's {@code name(10)}) or an expression.
     */
    private static Element element(String sql, List<DdlText.Token> e) {
        int end = e.size();
        String nulls = null;
        if (end >= 3 && e.get(end - 2).is("NULLS") && (e.get(end - 1).is("FIRST") || e.get(end - 1).is("LAST"))) {
            nulls = e.get(end - 1).upper();
            end -= 2;
        }
        boolean descending = false;
        if (end >= 2 && (e.get(end - 1).is("DESC") || e.get(end - 1).is("ASC"))) {
            descending = e.get(end - 1).is("DESC");
            end--;
        }
        String opclass = null;
        List<String> params = List.of();
        // an operator class is a name after the key, with parameters in parentheses; "f(x)" alone is a call
        int nameAt = end >= 2 && e.get(end - 1).kind() == DdlText.Kind.GROUP ? end - 2 : end - 1;
        if (nameAt >= 1 && e.get(nameAt).kind() == DdlText.Kind.WORD && !e.get(nameAt - 1).is("COLLATE")
                && !isPrefix(e, nameAt, end)) {
            opclass = e.get(nameAt).text();
            if (nameAt == end - 2) {
                params = options(sql, e.get(end - 1));
            }
            end = nameAt;
        }
        String collation = null;
        if (end >= 3 && e.get(end - 2).is("COLLATE")) {
            collation = e.get(end - 1).text();
            end -= 2;
        }
        if (end == 1 && e.get(0).kind() == DdlText.Kind.WORD) {
            return new Element(e.get(0).text(), null, null, collation, opclass, params, descending, nulls);
        }
        if (end == 2 && isPrefix(e, 0, 2)) {
            return new Element(e.get(0).text(), Integer.valueOf(e.get(1).inner().trim()), null, collation, opclass,
                    params, descending, nulls);
        }
        return new Element(null, null, DdlText.span(sql, e, 0, end), collation, opclass, params, descending, nulls);
    }

    /** {@code name(10)}: a column's prefix length (MySQL), not a call. */
    private static boolean isPrefix(List<DdlText.Token> e, int word, int end) {
        return word == 0 && end == 2 && e.get(1).kind() == DdlText.Kind.GROUP && e.get(1).inner().trim().matches("\\d+");
    }

    /** {@code (name = value, ...)} as {@code name=value}, a quoted value unquoted. */
    private static List<String> options(String sql, DdlText.Token group) {
        List<String> out = new ArrayList<>();
        for (int[] r : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            String option = sql.substring(r[0], r[1]);
            int eq = option.indexOf('=');
            if (eq < 0) {
                out.add(option.trim());
                continue;
            }
            String value = option.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            out.add(option.substring(0, eq).trim().toLowerCase(Locale.ROOT) + "=" + value);
        }
        return out;
    }
}
