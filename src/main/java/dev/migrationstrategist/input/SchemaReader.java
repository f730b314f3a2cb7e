package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.TextEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads State A from DDL: {@code CREATE TABLE}, {@code CREATE [UNIQUE] INDEX}, {@code CREATE TYPE ... AS ENUM} and
 * {@code ALTER TABLE} (ADD CONSTRAINT / ADD COLUMN / ALTER COLUMN SET DEFAULT and friends / VALIDATE CONSTRAINT), as
 * written by hand or by {@code pg_dump --schema-only} and {@code mysqldump --no-data}. Statements that do not shape
 * tables (SET, set_config, COMMENT, OWNER TO, sequences, functions, views, grants, DROP TABLE IF EXISTS, LOCK TABLES)
 * are skipped.
 *
 * <p>JSqlParser reads the structure of CREATE TABLE and of added constraints. What it cannot read or rewrites is read
 * from the statement's own text by small hand-written readers: column types and defaults ({@link ColumnDefinition}),
 * CHECK conditions, {@code NOT VALID}, {@code ALTER COLUMN ... SET DEFAULT} ({@link #alterColumn}), CREATE INDEX
 * ({@link CreateIndexStatement}) and enum types ({@link CreateEnumStatement}). Every error names the file, line and
 * column.
 */
public final class SchemaReader {
    /** ALTER TABLE operations that do not change what the model holds. */
    private static final Set<String> SKIPPED_OPERATIONS = Set.of("OWNER", "ENABLE", "DISABLE", "REPLICA", "CLUSTER",
            "SET", "RESET", "INHERIT", "NO", "OF", "FORCE", "ENGINE", "AUTO_INCREMENT",
            "CHARACTER", "CHARSET", "COLLATE", "ROW_FORMAT", "COMMENT", "DEFAULT", "ORDER", "ALGORITHM", "LOCK");

    private final Dialect dialect;
    /**
     * The schema unqualified table names of the file land in: the one its last {@code SET search_path} (or
     * pg_dump's {@code set_config('search_path', ...)}) names first, else the dialect's current schema.
     */
    private String searchPath;
    /** The schema the last {@link #read} took as the current one, when it was not the dialect's. */
    private String readIn;

    public SchemaReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * State A from a schema file. Unqualified names resolve to the dialect's current schema ({@code public} by
     * default) or the schema the file's {@code SET search_path} names; a file whose tables all lie in one other
     * schema (pg_dump -n app, which qualifies every name) is read with that schema as the current one, so its
     * tables are the unqualified names of the changes, as they were before schemas were kept: see
     * {@link #currentSchema}.
     */
    public Schema read(String ddl, String sourceName) {
        Schema schema = readOnto(Schema.empty(), ddl, sourceName);
        String only = onlySchema(schema);
        if (only == null) {
            return schema;
        }
        SchemaReader inIt = new SchemaReader(dialect.inSchema(only));
        Schema again = inIt.readOnto(Schema.empty(), ddl, sourceName);
        readIn = only;
        return again;
    }

    /** The schema of every table when all are qualified with the same one (null when any is not, or none). */
    private static String onlySchema(Schema schema) {
        java.util.Set<String> schemas = new java.util.HashSet<>();
        for (Table t : schema.tables()) {
            if (!t.name().qualified()) {
                return null;
            }
            schemas.add(t.name().schema());
        }
        return schemas.size() == 1 ? schemas.iterator().next() : null;
    }

    /**
     * The dialect the last {@link #read} resolved names with: this reader's, or it in the one schema all the file's
     * tables lie in. Changes must be read with it, so that {@code app.orders} and {@code orders} name one table.
     */
    public Dialect currentSchema() {
        return readIn == null ? dialect : dialect.inSchema(readIn);
    }

    /**
     * The schema {@code base} leads to once the DDL ran on it (lint builds State A from earlier migrations so). The
     * views, routines and triggers of the result are those the DDL creates (a base's own are not carried).
     */
    public Schema readOnto(Schema base, String ddl, String sourceName) {
        Workspace schema = new Workspace(base);
        DependantStatements dependants = new DependantStatements(dialect);
        searchPath = null;
        for (SqlScript.Statement st : SqlScript.split(ddl, dialect instanceof MySqlDialect)) {
            List<DdlText.Token> head = DdlText.tokens(st.sql(), 0, Math.min(st.sql().length(), HEAD));
            if (SearchPath.matches(head)) {
                searchPath = SearchPath.first(st.sql(), dialect).orElse(null);
                continue;
            }
            try {
                boolean create = head.size() > 1 && head.get(0).is("CREATE") && isCreateTable(head);
                // a CREATE TABLE is tokenized once, here, for its reader and for its generated / ON UPDATE columns
                List<DdlText.Token> all = create && createsTable(head) ? DdlText.tokens(st.sql()) : null;
                boolean dependant = all == null && dependants.accept(st.sql(), objectHead(st.sql(), head));
                if (!dependant || isMaterializedView(head)) { // a materialized view is also indexed: keep its name
                    schema = apply(schema, st, head, all, sourceName);
                    if (create) {
                        columnsOf(schema, st.sql(), all != null ? all : DdlText.tokens(st.sql()), dependants);
                    }
                }
            } catch (DdlSyntaxException e) {
                throw StrategistException.invalid(ParseErrors.describe(sourceName, st, e));
            }
        }
        List<Table> tables = schema.tables();
        return schema.toSchema().withDependants(dependants.resolve(tables));
    }

    /** How much of a statement {@link #readOnto} tokenizes to tell what it is. */
    private static final int HEAD = 400;

    /**
     * Whether a CREATE TABLE's head ({@link #isCreateTable}) holds {@code TABLE} as a whole token (one more token
     * follows it), so the statement is surely no view, routine or trigger for {@link DependantStatements#accept}
     * (which refuses it as well) and needs no tokens of its own for that.
     */
    private static boolean createsTable(List<DdlText.Token> head) {
        for (int i = 1; i < head.size() - 1; i++) {
            if (head.get(i).is("TABLE")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMaterializedView(List<DdlText.Token> head) {
        return head.size() > 3 && head.get(0).is("CREATE") && head.get(1).is("MATERIALIZED") && head.get(2).is("VIEW");
    }

    /** A view's, routine's or trigger's tokens: the whole statement where it reads as DDL, else its head. */
    private static List<DdlText.Token> objectHead(String sql, List<DdlText.Token> head) {
        if (head.size() < 2 || !head.get(0).is("CREATE")) {
            return head;
        }
        try {
            return DdlText.tokens(sql);
        } catch (RuntimeException e) {
            return head; // a body DdlText cannot walk (a quote inside a dollar-quoted body): the head names it
        }
    }

    /** The ON UPDATE and generated columns of the table a CREATE TABLE just added (the last one). */
    private void columnsOf(Workspace schema, String sql, List<DdlText.Token> tokens, DependantStatements dependants) {
        Table table = schema.lastTable().orElse(null);
        if (table == null) {
            return;
        }
        DdlText.Token body = tokens.stream().filter(t -> t.kind() == DdlText.Kind.GROUP).findFirst()
                .orElse(null);
        if (body == null) {
            return;
        }
        for (int[] element : DdlText.splitTopLevel(sql, body.start() + 1, body.end() - 1)) {
            List<DdlText.Token> t = DdlText.tokens(sql, element[0], element[1]);
            if (t.isEmpty()) {
                continue;
            }
            table.column(id(t.get(0).text())).ifPresent(c -> dependants.column(table.name(), c.name(), t));
        }
    }

    /** @param all the statement's tokens when it is a CREATE TABLE ({@link #createsTable}), else null */
    private Workspace apply(Workspace schema, SqlScript.Statement st, List<DdlText.Token> head,
                            List<DdlText.Token> all, String source) {
        if (head.size() < 2) {
            return schema;
        }
        if (head.get(0).is("CREATE") && isCreateTable(head)) {
            return createTable(schema, st, all != null ? all : DdlText.tokens(st.sql()), source);
        }
        if (head.get(0).is("CREATE") && isCreateIndex(head)) {
            return createIndex(schema, st, source);
        }
        if (CreateEnumStatement.matches(head)) {
            CreateEnumStatement e = CreateEnumStatement.read(st.sql());
            return schema.withEnum(new EnumType(id(e.name()), e.values()));
        }
        if (head.get(0).is("CREATE") && head.size() > 3 && head.get(1).is("MATERIALIZED") && head.get(2).is("VIEW")) {
            int at = head.size() > 6 && head.get(3).is("IF") ? 6 : 3;
            return at < head.size() ? schema.withMaterializedView(id(head.get(at).text())) : schema;
        }
        if (DomainStatements.isCreateDomain(head)) {
            return schema.withDomain(new DomainStatements(dialect).createDomain(st.sql()));
        }
        if (DomainStatements.isAlterDomain(head)) {
            return alterDomain(schema, st, source);
        }
        if (head.get(0).is("ALTER") && head.get(1).is("TABLE")) {
            return alterTable(schema, st, source);
        }
        return schema;
    }

    private static boolean isCreateTable(List<DdlText.Token> head) {
        for (int i = 1; i < Math.min(head.size(), 5); i++) {
            DdlText.Token t = head.get(i);
            if (t.is("TABLE")) {
                return true;
            }
            if (!(t.is("OR") || t.is("REPLACE") || t.is("GLOBAL") || t.is("LOCAL") || t.is("TEMP")
                    || t.is("TEMPORARY") || t.is("UNLOGGED"))) {
                return false;
            }
        }
        return false;
    }

    private static boolean isCreateIndex(List<DdlText.Token> head) {
        int i = 1;
        if (head.get(i).is("UNIQUE") || head.get(i).is("FULLTEXT") || head.get(i).is("SPATIAL")) {
            i++;
        }
        return i < head.size() && head.get(i).is("INDEX");
    }

    // ---------------------------------------------------------------- CREATE TABLE

    /**
     * {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name} followed by {@code (elements)}, by
     * {@code PARTITION OF parent [(column options)] {FOR VALUES ... | DEFAULT}} or by MySQL's {@code LIKE other}; then
     * {@code PARTITION BY strategy (key)} and table options, which are not modelled. Read by hand, token by token.
     */
    private Workspace createTable(Workspace schema, SqlScript.Statement st, List<DdlText.Token> tokens,
                                  String source) {
        String sql = st.sql();
        TokenCursor c = new TokenCursor(sql, tokens);
        c.expect("CREATE");
        while (c.accept("OR") || c.accept("REPLACE") || c.accept("GLOBAL") || c.accept("LOCAL")
                || c.accept("TEMP") || c.accept("TEMPORARY") || c.accept("UNLOGGED")) {
            // modifiers that do not change the model
        }
        c.expect("TABLE");
        if (c.accept("IF")) {
            c.expect("NOT");
            c.expect("EXISTS");
        }
        int nameAt = c.offset();
        Ident name = tableId(c.word());
        if (schema.hasExactly(name)) {
            throw StrategistException.invalid(where(source, st, nameAt) + ": table " + name + " is created twice");
        }
        Table table;
        if (c.accept("PARTITION")) {
            c.expect("OF");
            int parentAt = c.offset();
            Ident parentName = tableId(c.word());
            Table parent = schema.table(parentName).orElseThrow(() -> StrategistException.invalid(
                    where(source, st, parentAt) + ": PARTITION OF unknown table " + parentName));
            table = Partitions.partitionOf(parent, name);
            if (c.more() && c.peek().kind() == DdlText.Kind.GROUP) {
                table = columnOptions(table, sql, c.group(), source, st);
            }
            int boundFrom = c.index();
            if (!c.accept("DEFAULT")) {
                c.expect("FOR");
                c.expect("VALUES");
                if (c.accept("WITH")) {
                    c.group(); // a hash bound, (MODULUS m, REMAINDER r): not the table's WITH (storage options)
                }
            }
            while (c.more() && !c.peekIs("PARTITION") && !c.peekIs("USING") && !c.peekIs("WITH")
                    && !c.peekIs("TABLESPACE")) {
                c.any();
            }
            String bound = DdlText.span(sql, tokens, boundFrom, c.index());
            table = table.withPartitioning(table.partitioning().of(parent.name(), Partitions.spaced(bound)));
        } else if (c.accept("LIKE")) {
            int likeAt = c.offset();
            Ident like = tableId(c.word());
            Table model = schema.table(like).orElseThrow(() -> StrategistException.invalid(
                    where(source, st, likeAt) + ": CREATE TABLE ... LIKE unknown table " + like));
            table = model.withName(name);
        } else if (c.more() && c.peek().kind() == DdlText.Kind.GROUP) {
            table = tableBody(new Table(name, List.of(), List.of(), List.of()), sql, c.group(), source, st);
        } else {
            c.unexpected(); // CREATE TABLE ... AS SELECT, OF type: not State A this reader can model
            throw new IllegalStateException();
        }
        while (c.more()) {
            if (c.peekIs("AS") || c.peekIs("SELECT")) {
                c.unexpected();
            }
            if (c.accept("PARTITION")) {
                c.expect("BY");
                StringBuilder strategy = new StringBuilder();
                while (c.more() && c.peek().kind() == DdlText.Kind.WORD) {
                    strategy.append(strategy.isEmpty() ? "" : " ").append(c.word());
                }
                String key = c.group().inner().trim();
                table = table.withPartitioning(table.partitioning().by(strategy.toString(), key));
                while (c.more()) {
                    c.any(); // MySQL: PARTITIONS n, SUBPARTITION BY ..., (PARTITION p VALUES ...): not modelled
                }
            } else if (dialectIsMySql() && (c.peekIs("CHARACTER") || c.peekIs("CHARSET") || c.peekIs("COLLATE"))) {
                table = tableEncoding(table, c);
            } else {
                c.any(); // INHERITS (...), WITH (...), TABLESPACE x, ENGINE=..., AUTO_INCREMENT=...: not modelled
            }
        }
        return schema.withTable(table);
    }

    /**
     * MySQL/MariaDB table options {@code [DEFAULT] CHARACTER SET [=] x}, {@code CHARSET [=] x}, {@code COLLATE [=] x}
     * (as written by hand and as mysqldump / mariadb-dump print them: {@code DEFAULT CHARSET=utf8mb4
     * COLLATE=utf8mb4_unicode_520_ci}); the cursor is at the option's first word.
     */
    private static Table tableEncoding(Table table, TokenCursor c) {
        boolean collate = c.peekIs("COLLATE");
        if (c.accept("CHARACTER")) {
            c.expect("SET");
        } else {
            c.any();
        }
        if (c.more() && c.peek().text().equals("=")) {
            c.any();
        }
        if (!c.more()) {
            return table;
        }
        String value = c.peek().text();
        c.any();
        TextEncoding now = table.encoding();
        TextEncoding named = collate ? new TextEncoding(null, value) : new TextEncoding(value, null);
        return table.withEncoding(now == null ? named : collate ? new TextEncoding(now.charset(), value)
                : named.over(now));
    }

    /** The elements of a table body: columns first, then the constraints and indexes that name them. */
    private Table tableBody(Table table, String sql, DdlText.Token body, String source, SqlScript.Statement st) {
        List<int[]> elements = new ArrayList<>();
        for (int[] element : DdlText.splitTopLevel(sql, body.start() + 1, body.end() - 1)) {
            List<DdlText.Token> t = DdlText.tokens(sql, element[0], element[1]);
            if (TableElement.startsElement(t, dialectIsMySql())) {
                elements.add(element);
                continue;
            }
            table = addColumn(table, ColumnDefinition.read(sql, element[0], element[1]),
                    () -> where(source, st, element[0]));
        }
        List<TableElement> checks = new ArrayList<>();
        for (int[] element : elements) {
            List<DdlText.Token> tokens = DdlText.tokens(sql, element[0], element[1]);
            if (dialectIsMySql() && isMySqlKey(tokens)) {
                // a MySQL/MariaDB KEY clause: read whole (prefix lengths, DESC, IGNORED, ...)
                table = table.withIndex(index(CreateIndexStatement.readKey(sql, element[0], element[1]), table));
                continue;
            }
            TableElement e = TableElement.read(sql, tokens);
            if (e.kind() == TableElement.Kind.CHECK) {
                checks.add(e); // after the keys, as the model has always listed them
            } else {
                table = addElement(table, e);
            }
        }
        for (TableElement e : checks) {
            table = addElement(table, e);
        }
        return table;
    }

    /** {@code PARTITION OF parent (col WITH OPTIONS DEFAULT x NOT NULL, CONSTRAINT ... CHECK (...))}. */
    private Table columnOptions(Table table, String sql, DdlText.Token group, String source, SqlScript.Statement st) {
        for (int[] element : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            List<DdlText.Token> t = DdlText.tokens(sql, element[0], element[1]);
            if (TableElement.startsElement(t, false)) {
                table = addElement(table, TableElement.read(sql, t));
                continue;
            }
            Ident column = id(t.get(0).text());
            Table current = table;
            Column col = table.column(column).orElseThrow(() -> StrategistException.invalid(
                    where(source, st, element[0]) + ": PARTITION OF names unknown column " + current.name() + "."
                            + column));
            int i = 1;
            if (i + 1 < t.size() && t.get(i).is("WITH") && t.get(i + 1).is("OPTIONS")) {
                i += 2;
            }
            while (i < t.size()) {
                if (t.get(i).is("DEFAULT") && i + 1 < t.size()) {
                    int end = i + 1;
                    while (end < t.size() && !t.get(end).is("NOT") && !t.get(end).is("NULL")
                            && !t.get(end).is("CONSTRAINT") && !t.get(end).is("CHECK")) {
                        end++;
                    }
                    col = col.withDefault(DdlText.span(sql, t, i + 1, end));
                    i = end;
                } else if (t.get(i).is("NOT") && i + 1 < t.size() && t.get(i + 1).is("NULL")) {
                    col = col.withNullable(false);
                    i += 2;
                } else {
                    i++;
                }
            }
            table = table.replaceColumn(column, col);
        }
        return table;
    }

    /** @param where the file, line and column, for an error (computed only then: a position costs a scan) */
    private Table addColumn(Table table, ColumnDefinition cd, Supplier<String> where) {
        Ident column = id(cd.name());
        if (table.hasColumn(column)) {
            throw StrategistException.invalid(where.get() + ": column " + table.name() + "." + column
                    + " is defined twice");
        }
        DataType type;
        try {
            type = DataType.parse(cd.typeText());
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid(where.get() + ": column " + table.name() + "." + column + ": "
                    + e.getMessage());
        }
        table = table.withColumn(new Column(column, type, !cd.notNull(), cd.defaultSql(), cd.autoIncrement(),
                cd.identity() == null ? null : new dev.migrationstrategist.schema.Identity(cd.identity().always(),
                        cd.identity().sequence() == null ? null : id(cd.identity().sequence())),
                TextEncoding.of(cd.charset(), cd.collation())));
        if (cd.primaryKey()) {
            table = table.withConstraint(new Constraint.PrimaryKey(null, List.of(column)));
        }
        if (cd.unique()) {
            table = dialectIsMySql()
                    ? table.withIndex(new Index(column, table.name(), List.of(column), true, null, null, true))
                    : table.withConstraint(new Constraint.Unique(null, List.of(column)));
        }
        if (cd.check() != null) {
            table = table.withConstraint(new Constraint.Check(cd.checkName() == null ? null : id(cd.checkName()),
                    cd.check(), List.of(column), true));
        }
        if (cd.references() != null && !cd.references().isEmpty()) {
            Constraint.ForeignKey fk = inlineReference(column, cd.references());
            if (cd.referencesName() != null) { // CONSTRAINT name REFERENCES ...: the name the catalog will show
                fk = new Constraint.ForeignKey(id(cd.referencesName()), fk.columns(), fk.referencedTable(),
                        fk.referencedColumns(), fk.onDelete(), fk.onUpdate(), fk.valid());
            }
            table = table.withConstraint(fk);
        }
        return table;
    }

    private Constraint.ForeignKey inlineReference(Ident column, List<DdlText.Token> refs) {
        Ident target = tableId(refs.get(0).text());
        List<Ident> targetColumns = List.of();
        String onDelete = null;
        String onUpdate = null;
        for (int i = 1; i < refs.size(); i++) {
            DdlText.Token t = refs.get(i);
            if (i == 1 && t.kind() == DdlText.Kind.GROUP) {
                targetColumns = names(t.inner());
            } else if (t.is("ON") && i + 2 < refs.size()) {
                String action = refs.get(i + 2).upper();
                if (i + 3 < refs.size() && (action.equals("SET") || action.equals("NO"))) {
                    action = action + " " + refs.get(i + 3).upper();
                }
                if (action.equals("NO ACTION")) {
                    action = null;
                }
                if (refs.get(i + 1).is("DELETE")) {
                    onDelete = action;
                } else {
                    onUpdate = action;
                }
            }
        }
        return new Constraint.ForeignKey(null, List.of(column), target, targetColumns, onDelete, onUpdate, true);
    }

    /**
     * A MySQL index clause: {@code [UNIQUE|FULLTEXT|SPATIAL] KEY|INDEX ...} or {@code [CONSTRAINT [name]] UNIQUE ...}
     * (unquoted, these words are reserved, so no column starts so).
     */
    private static boolean isMySqlKey(List<DdlText.Token> t) {
        if (t.isEmpty()) {
            return false;
        }
        if (t.get(0).is("CONSTRAINT")) {
            return t.size() > 2 && (t.get(1).is("UNIQUE") || t.get(2).is("UNIQUE"));
        }
        return t.get(0).is("KEY") || t.get(0).is("INDEX") || t.get(0).is("UNIQUE") || t.get(0).is("FULLTEXT")
                || t.get(0).is("SPATIAL");
    }

    /** A constraint or index element, as the database records it. */
    private Table addElement(Table table, TableElement e) {
        Ident name = e.name() == null ? null : id(e.name());
        List<Ident> columns = e.columns().stream().map(this::id).toList();
        return switch (e.kind()) {
            case PRIMARY_KEY -> {
                Table withPk = table; // primary key columns are NOT NULL, as the database makes them
                for (Ident c : columns) {
                    Table current = withPk;
                    withPk = current.column(c).map(col -> current.replaceColumn(c, col.withNullable(false)))
                            .orElse(current);
                }
                yield withPk.withConstraint(new Constraint.PrimaryKey(name, columns));
            }
            case UNIQUE -> dialectIsMySql()
                    ? table.withIndex(new Index(name == null ? columns.get(0) : name, table.name(), columns, true,
                            null, null, true))
                    : table.withConstraint(new Constraint.Unique(name, columns));
            case FOREIGN_KEY -> table.withConstraint(new Constraint.ForeignKey(name, columns, tableId(e.referencedTable()),
                    e.referencedColumns().stream().map(this::id).toList(), e.onDelete(), e.onUpdate(), e.valid()));
            case CHECK -> table.withConstraint(new Constraint.Check(name, e.condition(),
                    columnsIn(e.condition(), table), e.valid()));
            case INDEX, FULLTEXT, SPATIAL -> table.withIndex(new Index(name == null ? columns.get(0) : name,
                    table.name(), columns, false, e.kind() == TableElement.Kind.FULLTEXT ? "fulltext"
                    : e.kind() == TableElement.Kind.SPATIAL ? "spatial" : null, null, true));
            case NOT_MODELLED -> table; // exclusion constraints are not modelled
        };
    }

    // ---------------------------------------------------------------- CREATE INDEX

    private Workspace createIndex(Workspace schema, SqlScript.Statement st, String source) {
        CreateIndexStatement ci = CreateIndexStatement.read(st.sql());
        Ident tableName = tableId(ci.table());
        if (schema.isMaterializedView(tableName)) {
            return schema; // an index of a materialized view: not a table of the model (nor of the catalog reader)
        }
        Table table = schema.table(tableName).orElseThrow(() -> StrategistException.invalid(
                where(source, st, 0) + ": CREATE INDEX on unknown table " + tableName));
        return schema.withTable(table.withIndex(index(ci, table)));
    }

    /**
     * The index a {@code CREATE INDEX} statement (a change, not State A) creates on {@code table}, read as State A's
     * own indexes are; its name is the one written, or the server's default where none is.
     */
    Index indexOf(CreateIndexStatement ci, Table table) {
        return index(ci, table);
    }

    /**
     * The model of an index read from DDL, spelled as the live catalog reader spells it: the b-tree method as null
     * (on MySQL/MariaDB also {@code USING HASH}, which InnoDB ignores: it builds a B-tree and reports BTREE), a MySQL
     * functional key part without its wrapping parentheses (as {@code STATISTICS.EXPRESSION} gives it).
     */
    private Index index(CreateIndexStatement ci, Table table) {
        List<Ident> tableColumns = table.columns().stream().map(Column::name).toList();
        List<IndexKey> keys = new ArrayList<>();
        for (CreateIndexStatement.Element e : ci.elements()) {
            String expression = e.expression();
            if (expression != null && dialectIsMySql()) {
                expression = DdlText.unwrap(expression);
            }
            keys.add(new IndexKey(e.column() == null ? null : id(e.column()), expression, e.opclass(),
                    e.opclassParams(), e.collation(), e.descending(), e.nulls(), e.prefix()));
        }
        List<Ident> columns = new ArrayList<>();
        for (IndexKey k : keys) {
            k.columnsIn(tableColumns).stream().filter(c -> columns.stream().noneMatch(c::sameAs)).forEach(columns::add);
        }
        String method = ci.method();
        if (method != null && (method.equals("btree") || dialectIsMySql() && method.equals("hash"))) {
            method = null;
        }
        Ident name = ci.name() != null ? id(ci.name()) : dialectIsMySql() && !columns.isEmpty() ? columns.get(0)
                : Ident.of(table.name() + "_" + String.join("_", columns.stream().map(Ident::name).toList()) + "_idx");
        return new Index(name, table.name(), columns, ci.unique(), method, ci.where(), true, keys,
                ci.include().stream().map(this::id).toList(), ci.nullsNotDistinct(), ci.with(), ci.invisible());
    }

    // ---------------------------------------------------------------- ALTER TABLE

    private Workspace alterTable(Workspace schema, SqlScript.Statement st, String source) {
        String sql = st.sql();
        TokenCursor c = new TokenCursor(sql, DdlText.tokens(sql));
        c.expect("ALTER");
        c.expect("TABLE");
        if (c.accept("IF")) {
            c.expect("EXISTS");
        }
        c.accept("ONLY");
        String written = c.word();
        c.accept("*");
        Ident tableName = tableId(written);
        Table table = schema.table(tableName).orElse(null);
        for (int[] op : DdlText.splitTopLevel(sql, c.offset(), sql.length())) {
            List<DdlText.Token> t = DdlText.tokens(sql, op[0], op[1]);
            String where = where(source, st, op[0]);
            if (t.isEmpty() || SKIPPED_OPERATIONS.contains(t.get(0).upper())) {
                continue; // OWNER TO (also of views and sequences), ENABLE TRIGGER, DISABLE KEYS, table options...
            }
            if (table == null) {
                throw StrategistException.invalid(where + ": ALTER TABLE on unknown table " + tableName);
            }
            if (t.get(0).is("ALTER")) {
                table = alterColumn(table, sql, t, where);
            } else if (t.get(0).is("ADD")) {
                TableElement element = addedElement(sql, t, op);
                if (element == null) {
                    int i = t.get(1).is("COLUMN") ? 2 : 1;
                    if (i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS")) {
                        i += 3;
                    }
                    table = addColumn(table, ColumnDefinition.read(sql, t.get(i).start(), op[1]), () -> where);
                } else {
                    table = addElement(table, element);
                    if (element.kind() == TableElement.Kind.FOREIGN_KEY && table.partitioning().partitioned()) {
                        schema = Partitions.withForeignKeyOnPartitions(schema.withTable(table), table.name(),
                                (Constraint.ForeignKey) table.constraints().get(table.constraints().size() - 1));
                        table = schema.table(tableName).orElseThrow();
                    }
                }
            } else if (t.get(0).is("VALIDATE") && t.size() == 3) {
                table = validate(table, id(t.get(2).text()), where);
            } else if (t.get(0).is("ATTACH") && t.size() > 3 && t.get(1).is("PARTITION")) {
                Ident child = tableId(t.get(2).text());
                if (schema.table(child).isEmpty()) {
                    throw StrategistException.invalid(where + ": ATTACH PARTITION of unknown table " + child);
                }
                schema = Partitions.attach(schema.withTable(table), table.name(), child,
                        Partitions.spaced(DdlText.span(sql, t, 3, t.size())));
                table = schema.table(tableName).orElseThrow();
            } else if (t.get(0).is("DETACH") && t.size() > 2 && t.get(1).is("PARTITION")) {
                Ident child = tableId(t.get(2).text());
                schema = schema.withTable(table);
                Table detached = schema.table(child).orElseThrow(() -> StrategistException.invalid(
                        where + ": DETACH PARTITION of unknown table " + child));
                schema = schema.withTable(detached.withPartitioning(
                        new dev.migrationstrategist.schema.Partitioning(detached.partitioning().strategy(),
                                detached.partitioning().key(), null, null)));
                table = schema.table(tableName).orElseThrow();
            } else {
                throw StrategistException.invalid(where + ": ALTER TABLE ... " + t.get(0).upper()
                        + " is not read from a schema file; write State A as CREATE statements (or as pg_dump"
                        + " --schema-only / mysqldump --no-data print it)");
            }
        }
        return table == null ? schema : schema.withTable(table);
    }

    /** The element an {@code ADD} operation adds, or null when it adds a column. */
    private TableElement addedElement(String sql, List<DdlText.Token> t, int[] op) {
        if (t.size() < 2) {
            throw new DdlSyntaxException(op[1], "<EOF>");
        }
        if (t.get(1).is("COLUMN")) {
            return null;
        }
        List<DdlText.Token> rest = t.subList(1, t.size());
        return TableElement.startsElement(rest, dialectIsMySql()) ? TableElement.read(sql, rest) : null;
    }

    /**
     * {@code ALTER [COLUMN] c SET DEFAULT expr | DROP DEFAULT | SET NOT NULL | DROP NOT NULL | [SET DATA] TYPE t},
     * read by hand so the default keeps its text (pg_dump sets serial defaults this way). Identity, statistics and
     * storage settings are not modelled and are skipped.
     */
    private Table alterColumn(Table table, String sql, List<DdlText.Token> t, String where) {
        int i = t.size() > 1 && t.get(1).is("COLUMN") ? 2 : 1;
        if (i >= t.size()) {
            throw new DdlSyntaxException(t.get(0).end(), "<EOF>");
        }
        Ident name = id(t.get(i).text());
        Column column = table.column(name).orElseThrow(() -> StrategistException.invalid(
                where + ": ALTER COLUMN of unknown column " + table.name() + "." + name));
        List<DdlText.Token> rest = t.subList(i + 1, t.size());
        String words = String.join(" ", rest.stream().limit(3).map(DdlText.Token::upper).toList());
        Column changed = column;
        if (words.startsWith("SET DEFAULT") && rest.size() > 2) {
            changed = column.withDefault(DdlText.span(sql, rest, 2, rest.size()));
        } else if (words.startsWith("DROP DEFAULT")) {
            changed = column.withDefault(null);
        } else if (words.startsWith("SET NOT NULL")) {
            changed = column.withNullable(false);
        } else if (words.startsWith("DROP NOT NULL")) {
            changed = column.withNullable(true);
        } else if (words.startsWith("ADD GENERATED")) {
            // pg_dump: ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME s START WITH 1 ...)
            ColumnDefinition cd = ColumnDefinition.read(sql, t.get(i).start(), rest.get(rest.size() - 1).end());
            if (cd.identity() != null) {
                changed = column.withIdentity(new dev.migrationstrategist.schema.Identity(cd.identity().always(),
                        cd.identity().sequence() == null ? null : id(cd.identity().sequence())));
            }
        } else if (words.startsWith("TYPE") || words.startsWith("SET DATA TYPE")) {
            int from = words.startsWith("TYPE") ? 1 : 3;
            int to = from;
            while (to < rest.size() && !rest.get(to).is("USING") && !rest.get(to).is("COLLATE")) {
                to++;
            }
            try {
                changed = column.withType(DataType.parse(DdlText.span(sql, rest, from, to)));
            } catch (IllegalArgumentException e) {
                throw StrategistException.invalid(where + ": " + e.getMessage());
            }
        }
        return table.replaceColumn(name, changed);
    }

    private Table validate(Table table, Ident constraint, String where) {
        Constraint found = table.constraints().stream().filter(k -> k.name() != null && k.name().sameAs(constraint))
                .findFirst().orElseThrow(() -> StrategistException.invalid(
                        where + ": VALIDATE CONSTRAINT of unknown constraint " + constraint + " on " + table.name()));
        Constraint valid = found;
        if (found instanceof Constraint.Check ck) {
            valid = new Constraint.Check(ck.name(), ck.expression(), ck.columns(), true);
        } else if (found instanceof Constraint.ForeignKey fk) {
            valid = new Constraint.ForeignKey(fk.name(), fk.columns(), fk.referencedTable(), fk.referencedColumns(),
                    fk.onDelete(), fk.onUpdate(), true);
        }
        return table.withoutConstraint(constraint).withConstraint(valid);
    }

    // ---------------------------------------------------------------- shared

    private boolean dialectIsMySql() {
        return dialect instanceof MySqlDialect;
    }

    private List<Ident> names(String commaSeparated) {
        return DdlText.splitTopLevel(commaSeparated, 0, commaSeparated.length()).stream()
                .map(r -> id(commaSeparated.substring(r[0], r[1]))).toList();
    }

    /** The table's columns that an expression mentions, quoted or not. */
    private static List<Ident> columnsIn(String expression, Table table) {
        List<Ident> out = new ArrayList<>();
        String lowered = asciiLower(expression);
        for (Column c : table.columns()) {
            if (!lowered.contains(asciiLower(c.name().name()))) {
                continue; // each alternative below holds the name, exactly or in other (ASCII) case: no match
            }
            String n = Pattern.quote(c.name().name());
            if (Pattern.compile("(?<![\\w$.])(\"" + n + "\"|`" + n + "`|(?i:" + n + "))(?![\\w$])")
                    .matcher(expression).find()) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Lower case as a CASE_INSENSITIVE pattern without UNICODE_CASE folds: A-Z only. */
    private static String asciiLower(String s) {
        char[] a = s.toCharArray();
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 'A' && a[i] <= 'Z') {
                a[i] += 'a' - 'A';
            }
        }
        return new String(a);
    }

    private static String where(String source, SqlScript.Statement st, int offset) {
        return source + ":" + st.position(offset);
    }

    /** {@code ALTER DOMAIN ... ADD CONSTRAINT ... CHECK}; other ALTER DOMAIN forms (OWNER TO) are skipped. */
    private Workspace alterDomain(Workspace schema, SqlScript.Statement st, String source) {
        DomainStatements.AddedCheck added = new DomainStatements(dialect).addedCheck(st.sql());
        if (added == null) {
            return schema;
        }
        Ident name = id(added.domain());
        dev.migrationstrategist.schema.DomainType domain = schema.domain(name).orElseThrow(() ->
                StrategistException.invalid(where(source, st, 0) + ": domain " + name + " is altered before it is"
                        + " created"));
        return schema.withDomain(domain.withCheck(added.check()));
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }

    /** A table's name: an unqualified one is in the schema the file's search_path names, if it names one. */
    private Ident tableId(String written) {
        Ident name = id(written);
        if (searchPath == null || name.qualified() || Idents.parts(written.trim()).size() > 1) {
            return name;
        }
        return dialect.resolved(searchPath, name.name());
    }
}
