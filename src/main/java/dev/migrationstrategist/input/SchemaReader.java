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
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
            "SET", "RESET", "ATTACH", "DETACH", "INHERIT", "NO", "OF", "FORCE", "ENGINE", "AUTO_INCREMENT",
            "CHARACTER", "CHARSET", "COLLATE", "ROW_FORMAT", "COMMENT", "DEFAULT", "ORDER", "ALGORITHM", "LOCK");
    private static final Set<String> TABLE_ELEMENT_KEYWORDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "KEY",
            "INDEX", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "EXCLUDE", "LIKE", "PERIOD");

    private final Dialect dialect;

    public SchemaReader(Dialect dialect) {
        this.dialect = dialect;
    }

    public Schema read(String ddl, String sourceName) {
        Schema schema = Schema.empty();
        DependantStatements dependants = new DependantStatements(dialect);
        for (SqlScript.Statement st : SqlScript.split(ddl, dialect instanceof MySqlDialect)) {
            List<DdlText.Token> head = DdlText.tokens(st.sql(), 0, Math.min(st.sql().length(), 400));
            try {
                if (!dependants.accept(st.sql(), objectHead(st.sql(), head))) {
                    schema = apply(schema, st, head, sourceName);
                    if (head.size() > 1 && head.get(0).is("CREATE") && isCreateTable(head)) {
                        columnsOf(schema, st.sql(), dependants);
                    }
                }
            } catch (DdlSyntaxException e) {
                throw StrategistException.invalid(ParseErrors.describe(sourceName, st, e));
            }
        }
        return schema.withDependants(dependants.resolve(schema.tables()));
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
    private void columnsOf(Schema schema, String sql, DependantStatements dependants) {
        if (schema.tables().isEmpty()) {
            return;
        }
        Table table = schema.tables().get(schema.tables().size() - 1);
        DdlText.Token body = DdlText.tokens(sql).stream().filter(t -> t.kind() == DdlText.Kind.GROUP).findFirst()
                .orElse(null);
        if (body == null) {
            return;
        }
        for (int[] element : DdlText.splitTopLevel(sql, body.start() + 1, body.end() - 1)) {
            List<DdlText.Token> t = DdlText.tokens(sql, element[0], element[1]);
            if (t.isEmpty()) {
                continue;
            }
            table.column(id(t.get(0).text())).ifPresent(c -> dependants.column(table.name(), c.name(), sql,
                    element[0], element[1]));
        }
    }

    private Schema apply(Schema schema, SqlScript.Statement st, List<DdlText.Token> head, String source) {
        if (head.size() < 2) {
            return schema;
        }
        if (head.get(0).is("CREATE") && isCreateTable(head)) {
            Table table = createTable(st, source);
            if (schema.hasTable(table.name())) {
                throw StrategistException.invalid(where(source, st, 0) + ": table " + table.name()
                        + " is created twice");
            }
            return schema.withTable(table);
        }
        if (head.get(0).is("CREATE") && isCreateIndex(head)) {
            return createIndex(schema, st, source);
        }
        if (CreateEnumStatement.matches(head)) {
            CreateEnumStatement e = CreateEnumStatement.read(st.sql());
            return schema.withEnum(new EnumType(id(e.name()), e.values()));
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

    private Table createTable(SqlScript.Statement st, String source) {
        String sql = st.sql();
        CreateTable ct = (CreateTable) parse(st, sql, source);
        Ident name = id(ct.getTable().getFullyQualifiedName());
        Table table = new Table(name, List.of(), List.of(), List.of());
        DdlText.Token body = DdlText.tokens(sql).stream().filter(t -> t.kind() == DdlText.Kind.GROUP).findFirst()
                .orElseThrow(() -> new DdlSyntaxException(sql.length(), "<EOF>"));
        List<int[]> tableElements = new ArrayList<>();
        for (int[] element : DdlText.splitTopLevel(sql, body.start() + 1, body.end() - 1)) {
            DdlText.Token first = DdlText.tokens(sql, element[0], element[1]).get(0);
            if (TABLE_ELEMENT_KEYWORDS.contains(first.upper()) && !isColumnNamed(first, ct)) {
                tableElements.add(element);
                continue;
            }
            table = addColumn(table, ColumnDefinition.read(sql, element[0], element[1]), where(source, st, element[0]));
        }
        if (ct.getIndexes() != null) {
            for (var index : ct.getIndexes()) {
                if (!(index instanceof CheckConstraint)) {
                    table = addIndexOrConstraint(table, index, true);
                }
            }
        }
        for (int[] element : tableElements) {
            table = addCheck(table, sql, element[0], element[1]);
        }
        return table;
    }

    /** A column may be called {@code key} or {@code index} when quoted; JSqlParser knows its columns. */
    private boolean isColumnNamed(DdlText.Token first, CreateTable ct) {
        return first.text().startsWith("\"") || first.text().startsWith("`")
                || ct.getColumnDefinitions() != null && ct.getColumnDefinitions().stream()
                .anyMatch(cd -> cd.getColumnName().equals(first.text()));
    }

    private Table addColumn(Table table, ColumnDefinition cd, String where) {
        Ident column = id(cd.name());
        if (table.hasColumn(column)) {
            throw StrategistException.invalid(where + ": column " + table.name() + "." + column + " is defined twice");
        }
        DataType type;
        try {
            type = DataType.parse(cd.typeText());
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid(where + ": column " + table.name() + "." + column + ": "
                    + e.getMessage());
        }
        table = table.withColumn(new Column(column, type, !cd.notNull(), cd.defaultSql()));
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
            table = table.withConstraint(inlineReference(column, cd.references()));
        }
        return table;
    }

    private Constraint.ForeignKey inlineReference(Ident column, List<DdlText.Token> refs) {
        Ident target = id(refs.get(0).text());
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
                if (refs.get(i + 1).is("DELETE")) {
                    onDelete = action;
                } else {
                    onUpdate = action;
                }
            }
        }
        return new Constraint.ForeignKey(null, List.of(column), target, targetColumns, onDelete, onUpdate, true);
    }

    /** A table-level CHECK element ({@code [CONSTRAINT name] CHECK (condition) [NOT VALID]}), read from its text. */
    private Table addCheck(Table table, String sql, int from, int to) {
        List<DdlText.Token> t = DdlText.tokens(sql, from, to);
        Ident name = t.size() > 1 && t.get(0).is("CONSTRAINT") ? id(t.get(1).text()) : null;
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is("CHECK") && t.get(i + 1).kind() == DdlText.Kind.GROUP) {
                String condition = DdlText.unwrap(t.get(i + 1).inner());
                boolean valid = !endsWithNotValid(t);
                return table.withConstraint(new Constraint.Check(name, condition, columnsIn(condition, table), valid));
            }
        }
        return table;
    }

    // ---------------------------------------------------------------- CREATE INDEX

    private Schema createIndex(Schema schema, SqlScript.Statement st, String source) {
        CreateIndexStatement ci = CreateIndexStatement.read(st.sql());
        Ident tableName = id(ci.table());
        Table table = schema.table(tableName).orElseThrow(() -> StrategistException.invalid(
                where(source, st, 0) + ": CREATE INDEX on unknown table " + tableName));
        List<Ident> columns = new ArrayList<>(ci.columns().stream().map(this::id).toList());
        for (String expression : ci.expressions()) {
            columnsIn(expression, table).stream().filter(c -> columns.stream().noneMatch(c::sameAs))
                    .forEach(columns::add);
        }
        Ident name = ci.name() != null ? id(ci.name())
                : Ident.of(table.name() + "_" + String.join("_", columns.stream().map(Ident::name).toList()) + "_idx");
        return schema.withTable(table.withIndex(new Index(name, table.name(), columns, ci.unique(), ci.method(),
                ci.where(), true)));
    }

    // ---------------------------------------------------------------- ALTER TABLE

    private Schema alterTable(Schema schema, SqlScript.Statement st, String source) {
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
        Ident tableName = id(written);
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
                table = add(table, st, op, t, source);
            } else if (t.get(0).is("VALIDATE") && t.size() == 3) {
                table = validate(table, id(t.get(2).text()), where);
            } else {
                throw StrategistException.invalid(where + ": ALTER TABLE ... " + t.get(0).upper()
                        + " is not read from a schema file; write State A as CREATE statements (or as pg_dump"
                        + " --schema-only / mysqldump --no-data print it)");
            }
        }
        return table == null ? schema : schema.withTable(table);
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

    private Table add(Table table, SqlScript.Statement st, int[] op, List<DdlText.Token> t, String source) {
        String sql = st.sql();
        int i = 1;
        boolean column = t.size() > 1 && t.get(1).is("COLUMN");
        if (column) {
            i = 2;
        }
        if (i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS")) {
            i += 3;
        }
        if (i >= t.size()) {
            throw new DdlSyntaxException(op[1], "<EOF>");
        }
        if (column || !TABLE_ELEMENT_KEYWORDS.contains(t.get(i).upper())) {
            return addColumn(table, ColumnDefinition.read(sql, t.get(i).start(), op[1]), where(source, st, op[0]));
        }
        if (t.stream().anyMatch(x -> x.is("CHECK"))) {
            return addCheck(table, sql, t.get(1).start(), op[1]);
        }
        if (t.stream().anyMatch(x -> x.is("EXCLUDE"))) {
            return table; // exclusion constraints are not modelled
        }
        boolean valid = !endsWithNotValid(t);
        // Only this operation is shown to JSqlParser; everything else (other operations, NOT VALID, which it cannot
        // parse) becomes spaces, so its error positions stay those of the file.
        int keepTo = valid ? op[1] : t.get(t.size() - 2).start();
        Alter alter = (Alter) parse(st, blankExcept(sql, headerEnd(sql), op[0], keepTo), source);
        for (AlterExpression ae : alter.getAlterExpressions()) {
            if (ae.getIndex() != null) {
                table = addIndexOrConstraint(table, ae.getIndex(), valid);
            } else if (ae.getUkColumns() != null && !ae.getUkColumns().isEmpty()) {
                // ADD UNIQUE [KEY|INDEX] [name] (cols): JSqlParser keeps these outside getIndex()
                List<Ident> columns = ae.getUkColumns().stream().map(this::id).toList();
                Ident name = ae.getUkName() == null ? null : id(ae.getUkName());
                table = dialectIsMySql()
                        ? table.withIndex(new Index(name == null ? columns.get(0) : name, table.name(), columns, true,
                                null, null, true))
                        : table.withConstraint(new Constraint.Unique(name, columns));
            } else if (ae.getPkColumns() != null && !ae.getPkColumns().isEmpty()) {
                var pk = new net.sf.jsqlparser.statement.create.table.Index().withType("PRIMARY KEY")
                        .withColumnsNames(ae.getPkColumns());
                table = addIndexOrConstraint(table, pk, true);
            }
        }
        return table;
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

    /** The end of {@code ALTER TABLE [IF EXISTS] [ONLY] name}. */
    private static int headerEnd(String sql) {
        TokenCursor c = new TokenCursor(sql, DdlText.tokens(sql));
        c.expect("ALTER");
        c.expect("TABLE");
        if (c.accept("IF")) {
            c.expect("EXISTS");
        }
        c.accept("ONLY");
        c.word();
        c.accept("*");
        return c.offset();
    }

    private static String blankExcept(String sql, int headerEnd, int from, int to) {
        StringBuilder sb = new StringBuilder(sql);
        for (int i = headerEnd; i < sql.length(); i++) {
            if ((i < from || i >= to) && sb.charAt(i) != '\n') {
                sb.setCharAt(i, ' ');
            }
        }
        return sb.toString();
    }

    private static boolean endsWithNotValid(List<DdlText.Token> t) {
        return t.size() >= 2 && t.get(t.size() - 2).is("NOT") && t.get(t.size() - 1).is("VALID");
    }

    // ---------------------------------------------------------------- shared

    private Statement parse(SqlScript.Statement st, String sql, String source) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw StrategistException.invalid(ParseErrors.describe(source, st, e));
        }
    }

    private Table addIndexOrConstraint(Table table, net.sf.jsqlparser.statement.create.table.Index index,
                                       boolean valid) {
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        Ident name = index.getName() == null ? null : id(index.getName());
        if (index instanceof ForeignKeyIndex fk) {
            return table.withConstraint(new Constraint.ForeignKey(name, columns(index),
                    id(fk.getTable().getFullyQualifiedName()),
                    fk.getReferencedColumnNames().stream().map(this::id).toList(),
                    upper(fk.getOnDeleteReferenceOption()), upper(fk.getOnUpdateReferenceOption()), valid));
        }
        if (type.contains("PRIMARY")) {
            List<Ident> columns = columns(index);
            Table withPk = table; // primary key columns are NOT NULL, as the database makes them
            for (Ident c : columns) {
                Table current = withPk;
                withPk = current.column(c).map(col -> current.replaceColumn(c, col.withNullable(false)))
                        .orElse(current);
            }
            return withPk.withConstraint(new Constraint.PrimaryKey(name, columns));
        }
        if (type.startsWith("UNIQUE")) {
            if (dialectIsMySql()) {
                return table.withIndex(new Index(name == null ? columns(index).get(0) : name, table.name(),
                        columns(index), true, null, null, true));
            }
            return table.withConstraint(new Constraint.Unique(name, columns(index)));
        }
        String method = type.startsWith("FULLTEXT") ? "fulltext" : type.startsWith("SPATIAL") ? "spatial" : null;
        if (method != null || type.equals("KEY") || type.equals("INDEX")) {
            return table.withIndex(new Index(name == null ? columns(index).get(0) : name, table.name(),
                    columns(index), false, method, null, true));
        }
        return table;
    }

    private static String upper(String option) {
        return option == null ? null : option.toUpperCase(Locale.ROOT);
    }

    private boolean dialectIsMySql() {
        return dialect instanceof MySqlDialect;
    }

    private List<Ident> columns(net.sf.jsqlparser.statement.create.table.Index index) {
        return index.getColumnsNames().stream().map(c -> id(c.replaceAll("\\s*\\(\\d+\\)$", ""))).toList();
    }

    private List<Ident> names(String commaSeparated) {
        return DdlText.splitTopLevel(commaSeparated, 0, commaSeparated.length()).stream()
                .map(r -> id(commaSeparated.substring(r[0], r[1]))).toList();
    }

    /** The table's columns that an expression mentions, quoted or not. */
    private static List<Ident> columnsIn(String expression, Table table) {
        List<Ident> out = new ArrayList<>();
        for (Column c : table.columns()) {
            String n = Pattern.quote(c.name().name());
            if (Pattern.compile("(?<![\\w$.])(\"" + n + "\"|`" + n + "`|(?i:" + n + "))(?![\\w$])")
                    .matcher(expression).find()) {
                out.add(c.name());
            }
        }
        return out;
    }

    private static String where(String source, SqlScript.Statement st, int offset) {
        return source + ":" + st.position(offset);
    }

    /** {@code ALTER DOMAIN ... ADD CONSTRAINT ... CHECK}; other ALTER DOMAIN forms (OWNER TO) are skipped. */
    private Schema alterDomain(Schema schema, SqlScript.Statement st, String source) {
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
}
