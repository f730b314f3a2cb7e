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
 * and MySQL's trailing {@code USING}, {@code ALGORITHM=} and {@code LOCK=} options.
 *
 * @param name        the index name as written, or null where PostgreSQL names it
 * @param columns     elements that are plain column names (MySQL prefix lengths dropped), as written
 * @param expressions elements that are expressions, as written
 * @param method      the access method, lower case ({@code btree}, {@code gin}, {@code fulltext}), or null
 * @param where       the predicate of a partial index as written, or null
 */
record CreateIndexStatement(String name, String table, boolean unique, List<String> columns, List<String> expressions,
                            String method, String where) {

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
        if (c.accept("USING")) {
            method = c.word().toLowerCase(Locale.ROOT);
        }
        DdlText.Token group = c.group();
        List<String> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (int[] element : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            List<DdlText.Token> e = DdlText.tokens(sql, element[0], element[1]);
            if (isColumn(e)) {
                columns.add(e.get(0).text());
            } else {
                expressions.add(sql.substring(element[0], element[1]));
            }
        }
        String where = null;
        while (c.more()) {
            if (c.accept("WHERE")) {
                where = DdlText.unwrap(c.rest());
            } else if (c.accept("USING")) {
                method = c.word().toLowerCase(Locale.ROOT);
            } else if (c.accept("INCLUDE") || c.accept("WITH")) {
                c.group();
            } else if (c.accept("TABLESPACE")) {
                c.word();
            } else if (c.accept("NULLS")) {
                c.accept("NOT");
                c.expect("DISTINCT");
            } else if (c.accept("ALGORITHM") || c.accept("LOCK") || c.accept("COMMENT")) {
                c.accept("=");
                c.any();
            } else {
                c.unexpected();
            }
        }
        return new CreateIndexStatement(name, table, unique, columns, expressions, method, where);
    }

    /**
     * A plain column: a name, then only ordering words ({@code DESC}, {@code NULLS LAST}), a collation or an
     * operator class; or MySQL's {@code name(10)} prefix.
     */
    private static boolean isColumn(List<DdlText.Token> e) {
        if (e.isEmpty() || e.get(0).kind() != DdlText.Kind.WORD) {
            return false;
        }
        for (int i = 1; i < e.size(); i++) {
            DdlText.Token tok = e.get(i);
            boolean prefix = i == 1 && tok.kind() == DdlText.Kind.GROUP && tok.inner().trim().matches("\\d+");
            if (!prefix && tok.kind() != DdlText.Kind.WORD) {
                return false;
            }
        }
        return true;
    }
}
