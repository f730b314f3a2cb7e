package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.schema.Schema;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the naive SQL a user wishes they could run ({@code ALTER TABLE users RENAME COLUMN name TO full_name;})
 * into changes, each with the place it was written.
 */
public final class SqlChangeReader {
    /** One reused parser thread: JSqlParser's parse(String) starts a thread per statement (10x slower in lint). */
    private static final java.util.concurrent.ExecutorService PARSER = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sql-parser");
                t.setDaemon(true);
                return t;
            });
    private final Dialect dialect;
    private final ObjectStatements objects;
    private final Schema schema;

    public SqlChangeReader(Dialect dialect) {
        this(dialect, Schema.empty());
    }

    /** With State A, a MySQL {@code MODIFY} is read as the changes it makes to the existing column. */
    public SqlChangeReader(Dialect dialect, Schema schema) {
        this.dialect = dialect;
        this.objects = new ObjectStatements(dialect);
        this.schema = schema;
    }

    public List<ChangeRequest> read(String sql, String sourceName) {
        List<SqlScript.Statement> statements = SqlScript.split(sql, dialect instanceof MySqlDialect);
        if (statements.isEmpty()) {
            throw StrategistException.invalid(sourceName + ": no SQL statement in it");
        }
        List<ChangeRequest> out = new ArrayList<>();
        for (SqlScript.Statement st : statements) {
            String where = sourceName + ":" + st.line() + ":" + st.column();
            // PostgreSQL's safe form "ADD CONSTRAINT ... NOT VALID": JSqlParser cannot read the suffix, and the
            // change remembers that the user already wrote it.
            Change domainChange = new DomainStatements(dialect).statement(st.sql(), where);
            if (domainChange != null) {
                out.add(new ChangeRequest(domainChange, where));
                continue;
            }
            // ALTER COLUMN c SET DATA TYPE t is the SQL-standard spelling of ALTER COLUMN c TYPE t (PostgreSQL
            // accepts both; JSqlParser reads only the short one)
            String written = SET_DATA_TYPE.matcher(st.sql()).replaceAll("$1TYPE");
            Matcher notValid = NOT_VALID.matcher(written);
            boolean writtenNotValid = notValid.find();
            String text = Idents.doubledBackticksQuoted(writtenNotValid ? notValid.replaceFirst("") : written);
            Change typeChange = new TablePhrases(dialect).statement(text, where);
            if (typeChange != null) {
                out.add(new ChangeRequest(typeChange, where));
                continue;
            }
            if (CreateIndexStatement.starts(text)) {
                out.add(new ChangeRequest(createIndex(text, where), where));
                continue;
            }
            var handRead = objects.beforeParsing(text, where);
            if (handRead.isPresent()) {
                handRead.get().forEach(change -> out.add(new ChangeRequest(notValid(change, writtenNotValid), where)));
                continue;
            }
            Statement parsed;
            try {
                parsed = CCJSqlParserUtil.parse(ObjectStatements.withoutConcurrently(text), PARSER, parser -> { });
            } catch (JSQLParserException e) {
                throw StrategistException.invalid(ParseErrors.describe(sourceName, st, e));
            }
            var objectChanges = objects.parsed(parsed, text, where);
            for (Change change : objectChanges.orElseGet(() -> changes(parsed, where))) {
                out.add(new ChangeRequest(notValid(change, writtenNotValid), where));
            }
        }
        return out;
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] ...} in every form State A's reader knows (expressions, operator
     * classes, order, partial, INCLUDE, ...), read by the same hand reader, so an index a change creates is modelled
     * exactly as the same index read from a dump or the live catalog.
     */
    private Change createIndex(String text, String where) {
        CreateIndexStatement ci;
        try {
            ci = CreateIndexStatement.read(text);
        } catch (StrategistException e) {
            throw StrategistException.invalid(where + ": " + e.getMessage());
        }
        Ident tableName = Idents.fromSql(ci.table(), dialect);
        Table table = schema.table(tableName).orElseGet(() -> new Table(tableName, List.of(), List.of(), List.of()));
        Index index = new SchemaReader(dialect).indexOf(ci, table);
        if (table.columns().isEmpty()) {
            // no State A for the table: the columns are the plain keys (planning then asks for the table)
            index = index.withColumns(ci.columns().stream().map(c -> Idents.fromSql(c, dialect)).toList());
            if (index.columns().isEmpty()) {
                throw StrategistException.invalid(where + ": CREATE INDEX " + (ci.name() == null ? "" : ci.name()
                        + " ") + "on " + tableName + ": an index on expressions only needs the table in State A"
                        + " (--schema or --db) to know which columns it reads");
            }
        }
        if (ci.method() != null && (ci.method().equals("fulltext") || ci.method().equals("spatial"))) {
            throw StrategistException.invalid(where + ": " + ci.method().toUpperCase(java.util.Locale.ROOT)
                    + " indexes are not planned (MariaDB/MySQL build them with a shared lock or a table copy:"
                    + " see docs/locks.md); run it in a maintenance window or through an online schema-change tool");
        }
        return CreateIndex.of(index, ci.name() == null ? null : Idents.fromSql(ci.name(), dialect),
                ObjectStatements.concurrently(text));
    }

    private static final Pattern SET_DATA_TYPE = Pattern.compile(
            "(?i)(\\bALTER\\s+(?:COLUMN\\s+)?(?:\"[^\"]+\"|`[^`]+`|[\\w$]+)\\s+)SET\\s+DATA\\s+TYPE\\b");
    private static final Pattern NOT_VALID = Pattern.compile("(?i)\\s+NOT\\s+VALID\\s*$");

    private static Change notValid(Change change, boolean written) {
        if (!written) {
            return change;
        }
        if (change instanceof AddCheck check) {
            return check.asWrittenNotValid();
        }
        if (change instanceof AddForeignKey fk) {
            return fk.asWrittenNotValid();
        }
        return change;
    }

    private List<Change> changes(Statement parsed, String where) {
        if (parsed instanceof Alter alter) {
            Ident table = Idents.fromSql(alter.getTable().getFullyQualifiedName(), dialect);
            List<Change> out = new ArrayList<>();
            for (AlterExpression ae : alter.getAlterExpressions()) {
                List<Change> column = new ColumnChangeReader(dialect, schema).read(table, ae, where);
                if (column != null) {
                    out.addAll(column);
                    continue;
                }
                out.add(change(table, ae, where));
            }
            return out;
        }
        throw unsupported(where, firstWords(parsed.toString()));
    }

    private Change change(Ident table, AlterExpression ae, String where) {
        if (ae.getOperation() == AlterOperation.RENAME && ae.getColumnOldName() != null && ae.getColumnName() != null) {
            return new RenameColumn(table, Idents.fromSql(ae.getColumnOldName(), dialect),
                    Idents.fromSql(ae.getColumnName(), dialect));
        }
        var object = objects.alter(table, ae);
        if (object.isPresent()) {
            return object.get();
        }
        throw unsupported(where, "ALTER TABLE ... " + firstWords(ae.toString()));
    }

    static StrategistException unsupported(String where, String what) {
        return StrategistException.invalid(where + ": " + what + " is not a change this version can plan (supported: "
                + String.join(", ", Change.kinds()) + ")");
    }

    static String firstWords(String sql) {
        String[] words = sql.trim().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length))).toUpperCase(Locale.ROOT);
    }
}
