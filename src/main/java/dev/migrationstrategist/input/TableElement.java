package dev.migrationstrategist.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One table element that is not a column, read from its own tokens: a primary key, unique, foreign-key or check
 * constraint, a MySQL index ({@code KEY}, {@code UNIQUE KEY}, {@code FULLTEXT KEY}, {@code SPATIAL KEY}), or an element
 * that is not modelled ({@code EXCLUDE}). The same reader serves {@code CREATE TABLE (...)} elements and
 * {@code ALTER TABLE ... ADD ...}, so both spell a constraint alike.
 *
 * <p>Reads {@code [CONSTRAINT name] PRIMARY KEY [USING m] (cols) [options]}, {@code [CONSTRAINT name] UNIQUE
 * [NULLS [NOT] DISTINCT] [KEY|INDEX] [name] [USING m] (cols) [INCLUDE (...)] [DEFERRABLE] [INITIALLY ...]},
 * {@code [CONSTRAINT name] FOREIGN KEY [name] (cols) REFERENCES t [(cols)] [MATCH ...] [ON DELETE a] [ON UPDATE a]
 * [DEFERRABLE ...] [NOT VALID]}, {@code [CONSTRAINT name] CHECK (condition) [NO INHERIT] [NOT VALID]},
 * {@code {KEY|INDEX} [name] [USING m] (cols) [options]} and {@code {FULLTEXT|SPATIAL} [KEY|INDEX] [name] (cols)}.
 *
 * @param kind             what it is
 * @param name             the name as written ({@code CONSTRAINT name} or the index name), or null
 * @param columns          the key columns as written (prefix lengths and ASC/DESC dropped)
 * @param referencedTable  for a foreign key: the referenced table as written
 * @param referencedColumns for a foreign key: the referenced columns as written (empty: the primary key)
 * @param onDelete         for a foreign key: the ON DELETE action, upper case, or null
 * @param onUpdate         for a foreign key: the ON UPDATE action, upper case, or null
 * @param condition        for a check: its condition as written, unwrapped
 * @param valid            false when written {@code NOT VALID}
 */
record TableElement(Kind kind, String name, List<String> columns, String referencedTable,
                    List<String> referencedColumns, String onDelete, String onUpdate, String condition,
                    boolean valid) {

    enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, INDEX, FULLTEXT, SPATIAL, NOT_MODELLED }

    private static final Set<String> CONSTRAINT_WORDS = Set.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    /**
     * Whether tokens {@code t} start a table element rather than a column definition. A column may be named like a
     * keyword ({@code key}, {@code check} where the dialect allows it unquoted): what follows the first word decides.
     */
    static boolean startsElement(List<DdlText.Token> t, boolean mysql) {
        if (t.isEmpty() || t.get(0).kind() != DdlText.Kind.WORD) {
            return false;
        }
        DdlText.Token first = t.get(0);
        DdlText.Token second = t.size() > 1 ? t.get(1) : null;
        DdlText.Token third = t.size() > 2 ? t.get(2) : null;
        if (first.is("CONSTRAINT")) {
            return second != null && (third == null || CONSTRAINT_WORDS.contains(third.upper()));
        }
        if (first.is("PRIMARY") || first.is("FOREIGN")) {
            return second != null && second.is("KEY");
        }
        if (first.is("CHECK")) {
            return isGroup(second);
        }
        if (first.is("EXCLUDE")) {
            return second != null && (second.is("USING") || isGroup(second));
        }
        if (first.is("UNIQUE")) {
            return isGroup(second) || second != null && (second.is("KEY") || second.is("INDEX") || second.is("NULLS")
                    || second.is("USING") || isGroup(third));
        }
        if (!mysql) {
            return false;
        }
        if (first.is("KEY") || first.is("INDEX")) {
            return isGroup(second) || second != null && (second.is("USING") || isGroup(third));
        }
        if (first.is("FULLTEXT") || first.is("SPATIAL")) {
            return second != null && (second.is("KEY") || second.is("INDEX") || isGroup(second) || isGroup(third));
        }
        return false;
    }

    private static boolean isGroup(DdlText.Token t) {
        return t != null && t.kind() == DdlText.Kind.GROUP;
    }

    /** Reads the element in tokens {@code t} of {@code sql}; fails with the offset of what it cannot read. */
    static TableElement read(String sql, List<DdlText.Token> t) {
        TokenCursor c = new TokenCursor(sql, t);
        String name = null;
        if (c.accept("CONSTRAINT")) {
            name = c.word();
        }
        if (c.accept("PRIMARY")) {
            c.expect("KEY");
            skipUsing(c);
            List<String> columns = keyColumns(sql, c.group());
            indexOptions(c);
            return new TableElement(Kind.PRIMARY_KEY, name, columns, null, List.of(), null, null, null, true);
        }
        if (c.accept("UNIQUE")) {
            if (c.accept("NULLS")) {
                c.accept("NOT");
                c.expect("DISTINCT");
            }
            boolean keyword = c.accept("KEY") || c.accept("INDEX");
            if (!c.peekIs("USING") && c.more() && !(c.peek().kind() == DdlText.Kind.GROUP)) {
                String indexName = c.word();
                name = name == null || keyword ? indexName : name;
            }
            skipUsing(c);
            List<String> columns = keyColumns(sql, c.group());
            indexOptions(c);
            return new TableElement(Kind.UNIQUE, name, columns, null, List.of(), null, null, null, true);
        }
        if (c.accept("FOREIGN")) {
            c.expect("KEY");
            if (c.more() && c.peek().kind() == DdlText.Kind.WORD) {
                String indexName = c.word(); // MySQL: FOREIGN KEY index_name (cols)
                name = name == null ? indexName : name;
            }
            List<String> columns = keyColumns(sql, c.group());
            c.expect("REFERENCES");
            String target = c.word();
            List<String> targetColumns = c.more() && c.peek().kind() == DdlText.Kind.GROUP
                    ? keyColumns(sql, c.group()) : List.of();
            String onDelete = null;
            String onUpdate = null;
            boolean valid = true;
            while (c.more()) {
                if (c.accept("ON")) {
                    boolean delete = c.accept("DELETE");
                    if (!delete) {
                        c.expect("UPDATE");
                    }
                    String action = c.word().toUpperCase(Locale.ROOT);
                    if (action.equals("SET") || action.equals("NO")) {
                        action = action + " " + c.word().toUpperCase(Locale.ROOT);
                        if (c.more() && c.peek().kind() == DdlText.Kind.GROUP) {
                            c.group(); // SET NULL (cols), PostgreSQL 15+
                        }
                    }
                    if (delete) {
                        onDelete = action;
                    } else {
                        onUpdate = action;
                    }
                } else if (c.accept("MATCH")) {
                    c.word();
                } else if (acceptNotValid(c)) {
                    valid = false;
                } else if (!acceptDeferrability(c)) {
                    c.unexpected();
                }
            }
            return new TableElement(Kind.FOREIGN_KEY, name, columns, target, targetColumns,
                    normalAction(onDelete), normalAction(onUpdate), null, valid);
        }
        if (c.accept("CHECK")) {
            DdlText.Token group = c.group();
            boolean valid = true;
            while (c.more()) {
                if (acceptNotValid(c)) {
                    valid = false;
                } else if (c.accept("NO")) {
                    c.expect("INHERIT");
                } else if (c.accept("ENFORCED") || acceptDeferrability(c)) {
                    continue;
                } else if (c.accept("NOT")) {
                    c.expect("ENFORCED");
                } else {
                    c.unexpected();
                }
            }
            return new TableElement(Kind.CHECK, name, List.of(), null, List.of(), null, null,
                    DdlText.unwrap(group.inner()), valid);
        }
        if (c.accept("EXCLUDE")) {
            return new TableElement(Kind.NOT_MODELLED, name, List.of(), null, List.of(), null, null, null, true);
        }
        Kind kind = c.accept("FULLTEXT") ? Kind.FULLTEXT : c.accept("SPATIAL") ? Kind.SPATIAL : Kind.INDEX;
        boolean keyword = c.accept("KEY") || c.accept("INDEX");
        if (kind == Kind.INDEX && !keyword) {
            c.unexpected();
        }
        String indexName = null;
        if (c.more() && c.peek().kind() == DdlText.Kind.WORD && !c.peekIs("USING")) {
            indexName = c.word();
        }
        skipUsing(c);
        List<String> columns = keyColumns(sql, c.group());
        indexOptions(c);
        return new TableElement(kind, indexName, columns, null, List.of(), null, null, null, true);
    }

    /** NO ACTION is what a key does without a clause, and is modelled as none (as the catalog reader does). */
    private static String normalAction(String action) {
        return action == null || action.equals("NO ACTION") ? null : action;
    }

    /**
     * What may follow a key's columns and is not modelled: PostgreSQL's {@code INCLUDE (...)}, {@code WITH (...)},
     * {@code USING INDEX TABLESPACE t}, {@code NULLS [NOT] DISTINCT} and deferrability; MySQL's {@code USING BTREE},
     * {@code COMMENT '...'}, {@code KEY_BLOCK_SIZE=n}, {@code WITH PARSER p}, {@code [NOT] IGNORED}, {@code VISIBLE},
     * {@code INVISIBLE}, {@code CLUSTERING=yes}. Anything else is an error at its position.
     */
    private static void indexOptions(TokenCursor c) {
        while (c.more()) {
            if (c.accept("INCLUDE")) {
                c.group();
            } else if (c.accept("WITH")) {
                if (c.accept("PARSER")) {
                    c.word();
                } else {
                    c.group();
                }
            } else if (c.accept("USING")) {
                if (c.accept("INDEX")) {
                    c.expect("TABLESPACE");
                }
                c.word();
            } else if (c.accept("NULLS")) {
                c.accept("NOT");
                c.expect("DISTINCT");
            } else if (c.accept("COMMENT") || c.accept("KEY_BLOCK_SIZE") || c.accept("CLUSTERING")) {
                c.accept("=");
                c.any();
            } else if (c.accept("VISIBLE") || c.accept("INVISIBLE") || c.accept("IGNORED")) {
                continue;
            } else if (c.peekIs("NOT") && c.peekIs(1, "IGNORED")) {
                c.any();
                c.any();
            } else if (!acceptDeferrability(c)) {
                c.unexpected();
            }
        }
    }

    private static void skipUsing(TokenCursor c) {
        if (c.accept("USING")) {
            c.word();
        }
    }

    private static boolean acceptNotValid(TokenCursor c) {
        if (c.peekIs("NOT") && c.peekIs(1, "VALID")) {
            c.any();
            c.any();
            return true;
        }
        return false;
    }

    /** {@code DEFERRABLE}, {@code NOT DEFERRABLE}, {@code INITIALLY DEFERRED|IMMEDIATE}: not modelled. */
    private static boolean acceptDeferrability(TokenCursor c) {
        if (c.accept("DEFERRABLE")) {
            return true;
        }
        if (c.peekIs("NOT") && c.peekIs(1, "DEFERRABLE")) {
            c.any();
            c.any();
            return true;
        }
        if (c.accept("INITIALLY")) {
            c.word();
            return true;
        }
        return false;
    }

    /** The column names of a key group: {@code (a, "B", c(10) DESC)} gives a, "B", c. */
    static List<String> keyColumns(String sql, DdlText.Token group) {
        List<String> out = new ArrayList<>();
        for (int[] part : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            List<DdlText.Token> e = DdlText.tokens(sql, part[0], part[1]);
            if (e.isEmpty() || e.get(0).kind() != DdlText.Kind.WORD) {
                throw new DdlSyntaxException(part[0], e.isEmpty() ? "<EOF>" : '"' + e.get(0).text() + '"');
            }
            out.add(e.get(0).text());
        }
        return out;
    }
}
