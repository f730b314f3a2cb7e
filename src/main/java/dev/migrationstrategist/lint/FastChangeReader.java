package dev.migrationstrategist.lint;

import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.input.SqlChangeReader;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the statement forms migrations are mostly made of straight from lint's tokens into the changes
 * {@link SqlChangeReader} reads from the same text, without starting the SQL parser (which costs lint most of its
 * time): {@code ALTER TABLE} with ADD COLUMN (a plain type, DEFAULT of a literal or a call without arguments,
 * [NOT] NULL), ALTER COLUMN TYPE / SET DATA TYPE / SET|DROP NOT NULL / SET|DROP DEFAULT, DROP COLUMN, RENAME
 * [COLUMN] ... TO, RENAME TO, ADD [CONSTRAINT n] FOREIGN KEY ... REFERENCES [NOT VALID], ADD [CONSTRAINT n] CHECK
 * (column IS [NOT] NULL or column &lt;op&gt; number, joined by AND) [NOT VALID]; VALIDATE / DROP / RENAME
 * CONSTRAINT and ENABLE / DISABLE TRIGGER (no change); {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON t [USING m] (columns)};
 * {@code DROP TABLE t}; {@code DROP VIEW / MATERIALIZED VIEW / TRIGGER / FUNCTION / PROCEDURE / SEQUENCE /
 * EXTENSION / POLICY / RULE / AGGREGATE ...} (no change).
 * <p>
 * {@link #read} answers null for anything else, and for every variant it is not sure of (a USING conversion, an
 * inline constraint, an expression default, a column position, an index expression or predicate, IF [NOT] EXISTS,
 * ONLY, CASCADE, MySQL's MODIFY / CHANGE and table options ...): the caller then reads the statement with
 * {@link SqlChangeReader}, so a statement this reader does not know is judged exactly as before, never skipped.
 * FastChangeReaderTest runs both readers on the lint corpus and on generated statements and requires the same
 * changes.
 */
final class FastChangeReader {
    /** Words that may follow a type's first word inside the type ({@code double precision}, {@code with time zone}). */
    private static final Set<String> TYPE_WORDS = Set.of("VARYING", "PRECISION", "WITH", "WITHOUT", "TIME", "ZONE",
            "UNSIGNED");
    private static final Set<String> ACTIONS = Set.of("CASCADE", "RESTRICT", "SET NULL", "SET DEFAULT", "NO ACTION");
    /** Defaults the parser gives back as written (upper-cased words are kept as written too). */
    private static final Set<String> DEFAULT_WORDS = Set.of("TRUE", "FALSE", "CURRENT_TIMESTAMP", "CURRENT_DATE",
            "LOCALTIMESTAMP");

    /** {@code DROP <kind> ...} statements that change nothing the planner models. */
    private static final Set<String> DROPPED_NO_CHANGE = Set.of("VIEW", "MATERIALIZED", "TRIGGER", "FUNCTION",
            "PROCEDURE", "SEQUENCE", "EXTENSION", "POLICY", "RULE", "AGGREGATE");

    private final Dialect dialect;

    FastChangeReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The changes of the statement (empty: a statement that changes nothing to plan), or null: not known here. */
    List<Change> read(SqlStatement s) {
        try {
            if (s.startsWith("ALTER", "TABLE")) {
                return alterTable(new Cursor(s, 2));
            }
            if (s.startsWith("CREATE", "INDEX") || s.startsWith("CREATE", "UNIQUE", "INDEX")) {
                return createIndex(new Cursor(s, 1));
            }
            if (s.startsWith("DROP", "TABLE")) {
                return dropTable(new Cursor(s, 2));
            }
            if (s.size() > 1 && s.token(0).is("DROP") && DROPPED_NO_CHANGE.contains(s.kw(1))) {
                return List.of(); // the parser path has no change for these either (FastChangeReaderTest)
            }
            return null;
        } catch (Unknown e) {
            return null;
        }
    }

    /**
     * Forms the plan's reader refuses on purpose or the SQL parser cannot read, which lint still judges; null for
     * anything else. {@code DROP TABLE [IF EXISTS] a [, b ...] [CASCADE | RESTRICT]}: the planner refuses CASCADE
     * (it drops dependants) and the parser several names, but every table named is dropped all the same (found in
     * Lemmy's migrations: {@code DROP TABLE IF EXISTS a, b, c, d CASCADE} of four live tables passed silently).
     * MySQL/MariaDB's {@code ALTER TABLE t RENAME [AS] new}, a table rename without TO (found in Kill Bill's).
     */
    List<Change> readRefused(SqlStatement s) {
        try {
            if (s.startsWith("DROP", "TABLE")) {
                Cursor c = new Cursor(s, 2);
                c.words("IF", "EXISTS");
                List<Change> out = new ArrayList<>();
                do {
                    out.add(new DropTable(c.name()));
                } while (c.symbol(","));
                if (!c.word("CASCADE")) {
                    c.word("RESTRICT");
                }
                c.end();
                return out;
            }
            if (dialect instanceof MySqlDialect && s.startsWith("ALTER", "TABLE")) {
                Cursor c = new Cursor(s, 2);
                Ident table = c.name();
                if (!c.word("RENAME") || c.atAny("TO", "COLUMN", "INDEX", "KEY")) {
                    return null;
                }
                c.word("AS");
                Ident to = c.name();
                c.end();
                return List.of(new RenameTable(table, to));
            }
            return null;
        } catch (Unknown e) {
            return null;
        }
    }

    private List<Change> alterTable(Cursor c) {
        Ident table = c.name();
        List<Change> out = new ArrayList<>();
        boolean change = false;
        boolean noChange = false;
        do {
            List<Change> clause = clause(c, table);
            if (clause.isEmpty()) {
                noChange = true;
            } else {
                change = true;
                out.addAll(clause);
            }
        } while (c.symbol(","));
        c.end();
        if (noChange) {
            // the other reader refuses the whole statement when one clause is no change it can plan
            return change ? unknown() : List.of();
        }
        return out;
    }

    private List<Change> clause(Cursor c, Ident table) {
        if (c.word("ADD")) {
            if (c.at("CHECK") || c.at("CONSTRAINT") && c.s.matchesAt(c.i + 2, "CHECK")) {
                return List.of(check(c, table));
            }
            if (c.at("CONSTRAINT") || c.at("FOREIGN")) {
                return List.of(foreignKey(c, table));
            }
            c.word("COLUMN");
            if (c.atAny("IF", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "INDEX", "KEY", "FULLTEXT",
                    "SPATIAL", "EXCLUDE", "PARTITION")) {
                return unknown();
            }
            return List.of(new AddColumn(table, column(c)));
        }
        if (c.word("ALTER")) {
            c.word("COLUMN");
            Ident column = c.simpleName();
            if (c.word("TYPE") || c.words("SET", "DATA", "TYPE")) {
                DataType type = type(c);
                if (!c.atClauseEnd()) {
                    return unknown(); // USING, COLLATE ...
                }
                return List.of(new ChangeColumnType(table, column, type));
            }
            if (c.words("SET", "NOT", "NULL")) {
                return List.of(new SetNotNull(table, column));
            }
            if (c.words("DROP", "NOT", "NULL")) {
                return List.of(new DropNotNull(table, column));
            }
            if (c.words("DROP", "DEFAULT")) {
                return List.of(new DropDefault(table, column));
            }
            if (c.words("SET", "DEFAULT")) {
                String expression = defaultValue(c);
                if (expression == null) {
                    return unknown();
                }
                return List.of(new SetDefault(table, column, expression));
            }
            return unknown();
        }
        if (c.word("DROP")) {
            if (c.word("CONSTRAINT")) {
                c.simpleName();
                return List.of();
            }
            c.word("COLUMN");
            if (c.atAny("IF", "INDEX", "KEY", "PRIMARY", "FOREIGN", "PARTITION", "CHECK")) {
                return unknown();
            }
            return List.of(new DropColumn(table, c.simpleName()));
        }
        if (c.word("ENABLE") || c.word("DISABLE")) {
            c.expect("TRIGGER");
            if (!c.word("ALL") && !c.word("USER")) {
                c.simpleName();
            }
            return List.of();
        }
        if (c.words("RENAME", "CONSTRAINT")) {
            c.simpleName();
            c.expect("TO");
            c.simpleName();
            return List.of();
        }
        if (c.word("VALIDATE")) {
            c.expect("CONSTRAINT");
            c.simpleName();
            return List.of();
        }
        if (c.word("RENAME")) {
            if (c.word("TO")) {
                return List.of(new RenameTable(table, c.simpleName()));
            }
            c.word("COLUMN");
            if (c.atAny("CONSTRAINT", "INDEX", "KEY")) {
                return unknown();
            }
            Ident from = c.simpleName();
            c.expect("TO");
            return List.of(new RenameColumn(table, from, c.simpleName()));
        }
        return unknown();
    }

    private Change foreignKey(Cursor c, Ident table) {
        Ident name = null;
        if (c.word("CONSTRAINT")) {
            name = c.simpleName();
        }
        c.expect("FOREIGN");
        c.expect("KEY");
        List<Ident> columns = c.nameList();
        c.expect("REFERENCES");
        Ident referenced = c.name();
        List<Ident> referencedColumns = c.atSymbol("(") ? c.nameList() : List.of();
        String onDelete = null;
        String onUpdate = null;
        boolean notValid = false;
        while (!c.atClauseEnd()) {
            if (c.words("ON", "DELETE")) {
                onDelete = action(c);
            } else if (c.words("ON", "UPDATE")) {
                onUpdate = action(c);
            } else if (c.words("NOT", "VALID")) {
                notValid = true;
            } else {
                return unknown(); // MATCH FULL, DEFERRABLE, ...
            }
        }
        if (notValid && (name == null || !c.atEnd())) {
            return unknown();
        }
        AddForeignKey fk = new AddForeignKey(table, name, columns, referenced, referencedColumns, onDelete, onUpdate);
        return notValid ? fk.asWrittenNotValid() : fk;
    }

    /**
     * {@code ADD [CONSTRAINT n] CHECK (condition) [NOT VALID]} as the only clause, the condition one or more
     * {@code column IS [NOT] NULL} or {@code column <op> number} joined by AND, written as the parser prints it back.
     */
    private Change check(Cursor c, Ident table) {
        if (c.i != Shapes.afterAlteredTable(c.s) + 1 || !c.s.token(1).is("TABLE") || c.s.token(2).is("ONLY")
                || c.s.token(Shapes.afterAlteredTable(c.s) - 1).type() == Token.Type.QUOTED) {
            return unknown();
        }
        Ident name = null;
        if (c.word("CONSTRAINT")) {
            if (c.peek() != null && c.peek().type() == Token.Type.QUOTED) {
                return unknown();
            }
            name = c.simpleName();
        }
        c.expect("CHECK");
        c.expectSymbol("(");
        StringBuilder condition = new StringBuilder();
        do {
            if (!condition.isEmpty()) {
                condition.append(" AND ");
            }
            Token column = c.peek();
            if (column == null || column.type() != Token.Type.WORD || RESERVED.contains(column.keyword())
                    || c.i + 1 < c.s.size() && c.s.token(c.i + 1).isSymbol(".")) {
                return unknown();
            }
            c.i++;
            condition.append(column.text());
            if (c.words("IS", "NOT", "NULL")) {
                condition.append(" IS NOT NULL");
            } else if (c.words("IS", "NULL")) {
                condition.append(" IS NULL");
            } else {
                String op = operator(c);
                Token value = c.peek();
                if (op == null || value == null || value.type() != Token.Type.NUMBER) {
                    return unknown();
                }
                c.i++;
                condition.append(' ').append(op).append(' ').append(value.text());
            }
        } while (c.word("AND"));
        c.expectSymbol(")");
        boolean notValid = c.words("NOT", "VALID");
        c.end();
        AddCheck check = new AddCheck(table, name, condition.toString());
        return notValid ? check.asWrittenNotValid() : check;
    }

    /** A comparison operator, its one or two symbol tokens written together; null when there is none. */
    private static String operator(Cursor c) {
        Token first = c.peek();
        if (first == null || first.type() != Token.Type.SYMBOL || !"<>=!".contains(first.text())) {
            return null;
        }
        c.i++;
        Token second = c.peek();
        if (second != null && second.type() == Token.Type.SYMBOL && second.line() == first.line()
                && second.column() == first.column() + 1 && "<>=".contains(second.text())) {
            c.i++;
            String op = first.text() + second.text();
            return Set.of(">=", "<=", "<>", "!=").contains(op) ? op : null;
        }
        return first.text().equals("!") ? null : first.text();
    }

    private static String action(Cursor c) {
        for (String a : ACTIONS) {
            String[] words = a.split(" ");
            if (c.words(words)) {
                return a;
            }
        }
        return unknown();
    }

    private Column column(Cursor c) {
        Ident name = c.simpleName();
        DataType type = type(c);
        boolean notNull = false;
        String defaultExpression = null;
        boolean defaultSeen = false;
        while (!c.atClauseEnd()) {
            if (c.words("NOT", "NULL")) {
                notNull = true;
            } else if (c.word("NULL")) {
                continue;
            } else if (!defaultSeen && c.word("DEFAULT")) {
                defaultSeen = true;
                defaultExpression = defaultValue(c);
                if (defaultExpression == null) {
                    return unknown();
                }
            } else {
                return unknown();
            }
        }
        if ("NULL".equalsIgnoreCase(defaultExpression)) {
            defaultExpression = null;
        }
        return new Column(name, type, !notNull, defaultExpression, false);
    }

    /** A literal, a listed keyword or a call without arguments, as the parser prints it back; else null. */
    private static String defaultValue(Cursor c) {
        Token t = c.peek();
        if (t == null) {
            return null;
        }
        if (t.type() == Token.Type.NUMBER || t.type() == Token.Type.STRING && t.text().startsWith("'")
                && !t.text().contains("\\")) {
            c.i++;
            return t.text();
        }
        if (t.type() == Token.Type.WORD && (DEFAULT_WORDS.contains(t.keyword()) || t.is("NULL"))) {
            c.i++;
            return t.text();
        }
        if (t.type() == Token.Type.WORD && c.i + 2 < c.s.size() && c.s.token(c.i + 1).isSymbol("(")
                && c.s.token(c.i + 2).isSymbol(")") && !TYPE_WORDS.contains(t.keyword())) {
            c.i += 3;
            return t.text() + "()";
        }
        return null;
    }

    private DataType type(Cursor c) {
        Token first = c.peek();
        if (first == null || first.type() != Token.Type.WORD) {
            return unknown();
        }
        c.i++;
        StringBuilder text = new StringBuilder(first.text());
        while (c.peek() != null && c.peek().type() == Token.Type.WORD && TYPE_WORDS.contains(c.peek().keyword())) {
            text.append(' ').append(c.peek().text());
            c.i++;
        }
        if (c.atSymbol("(")) {
            c.i++;
            List<String> args = new ArrayList<>();
            do {
                Token n = c.peek();
                if (n == null || n.type() != Token.Type.NUMBER || !n.text().chars().allMatch(Character::isDigit)) {
                    return unknown();
                }
                args.add(n.text());
                c.i++;
            } while (c.symbol(","));
            c.expectSymbol(")");
            String word = first.text().toLowerCase(Locale.ROOT);
            if (text.indexOf(" ") < 0 && Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint")
                    .contains(word)) {
                return unknown(); // a MySQL display width: the other reader drops it
            }
            text.append('(').append(String.join(", ", args)).append(')');
            if (c.peek() != null && c.peek().type() == Token.Type.WORD && TYPE_WORDS.contains(c.peek().keyword())) {
                return unknown(); // timestamp(3) with time zone
            }
        }
        if (c.atSymbol("[")) {
            return unknown();
        }
        try {
            return DataType.parse(text.toString());
        } catch (IllegalArgumentException e) {
            return unknown();
        }
    }

    private List<Change> createIndex(Cursor c) {
        boolean unique = c.word("UNIQUE");
        c.expect("INDEX");
        boolean concurrently = c.word("CONCURRENTLY");
        if (c.at("IF") || c.at("ON")) {
            return unknown();
        }
        Ident name = c.simpleName();
        c.expect("ON");
        if (c.at("ONLY")) {
            return unknown();
        }
        Ident table = c.name();
        String method = null;
        if (c.word("USING")) {
            Token m = c.peek();
            if (m == null || m.type() != Token.Type.WORD) {
                return unknown();
            }
            method = m.text();
            c.i++;
        }
        List<Ident> columns = c.nameList();
        c.end();
        return List.of(new CreateIndex(table, name, columns, unique, method, concurrently));
    }

    private List<Change> dropTable(Cursor c) {
        if (c.at("IF")) {
            return unknown();
        }
        Ident table = c.name();
        c.end();
        return List.of(new DropTable(table));
    }

    private Ident ident(Token t) {
        if (t.type() == Token.Type.QUOTED) {
            return Ident.of(t.text());
        }
        return Ident.of(dialect instanceof PostgresDialect ? t.text().toLowerCase(Locale.ROOT) : t.text());
    }

    private static <T> T unknown() {
        throw new Unknown();
    }

    /** A form this reader leaves to the parser. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** Words that end a name list item or a clause and cannot be a bare name here. */
    private static final Set<String> RESERVED = Set.of("ADD", "ALTER", "DROP", "RENAME", "TO", "ON", "USING",
            "CONSTRAINT", "COLUMN", "TABLE", "INDEX", "KEY", "PRIMARY", "FOREIGN", "REFERENCES", "UNIQUE", "CHECK",
            "DEFAULT", "NOT", "NULL", "SET", "TYPE", "WHERE", "WITH", "ONLY", "IF", "EXISTS", "CASCADE", "RESTRICT",
            "VALIDATE", "INCLUDE", "CONCURRENTLY", "ASC", "DESC", "COLLATE", "FIRST", "AFTER", "ALGORITHM", "LOCK");

    /** A position in the statement's tokens. */
    private final class Cursor {
        final SqlStatement s;
        int i;

        Cursor(SqlStatement s, int i) {
            this.s = s;
            this.i = i;
        }

        Token peek() {
            return i < s.size() ? s.token(i) : null;
        }

        boolean at(String keyword) {
            return i < s.size() && s.token(i).is(keyword);
        }

        boolean atAny(String... keywords) {
            for (String k : keywords) {
                if (at(k)) {
                    return true;
                }
            }
            return false;
        }

        boolean atSymbol(String symbol) {
            return i < s.size() && s.token(i).isSymbol(symbol);
        }

        boolean atEnd() {
            return i >= s.size() || i == s.size() - 1 && s.token(i).isSymbol(";");
        }

        boolean atClauseEnd() {
            return atEnd() || atSymbol(",");
        }

        void end() {
            if (!atEnd()) {
                unknown();
            }
        }

        boolean word(String keyword) {
            if (at(keyword)) {
                i++;
                return true;
            }
            return false;
        }

        boolean words(String... keywords) {
            if (s.matchesAt(i, keywords)) {
                i += keywords.length;
                return true;
            }
            return false;
        }

        boolean symbol(String symbol) {
            if (atSymbol(symbol)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(String keyword) {
            if (!word(keyword)) {
                unknown();
            }
        }

        void expectSymbol(String symbol) {
            if (!symbol(symbol)) {
                unknown();
            }
        }

        /** One unqualified name (not a reserved word). */
        Ident simpleName() {
            Token t = peek();
            if (t == null || t.type() == Token.Type.WORD && RESERVED.contains(t.keyword())
                    || t.type() != Token.Type.WORD && t.type() != Token.Type.QUOTED
                    || i + 1 < s.size() && s.token(i + 1).isSymbol(".")) {
                return unknown();
            }
            i++;
            return ident(t);
        }

        /**
         * A table name, qualified or not: its last part, in the schema before it unless that is the current schema
         * ({@code sales."Orders"} is Orders of sales, {@code public.orders} is orders), as the SQL reader reads it.
         */
        Ident name() {
            Token t = peek();
            if (t == null || t.type() == Token.Type.WORD && RESERVED.contains(t.keyword())
                    || t.type() != Token.Type.WORD && t.type() != Token.Type.QUOTED) {
                return unknown();
            }
            Token last = t;
            Token schema = null;
            i++;
            while (atSymbol(".")) {
                i++;
                Token next = peek();
                if (next == null || next.type() != Token.Type.WORD && next.type() != Token.Type.QUOTED) {
                    return unknown();
                }
                schema = last;
                last = next;
                i++;
            }
            return schema == null ? ident(last) : dialect.resolved(ident(schema).name(), ident(last).name());
        }

        /** {@code (a, b)}: plain names only. */
        List<Ident> nameList() {
            expectSymbol("(");
            List<Ident> out = new ArrayList<>();
            do {
                out.add(simpleName());
            } while (symbol(","));
            expectSymbol(")");
            return out;
        }
    }
}
