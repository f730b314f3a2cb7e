package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ReferentialAction;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the constraint, index and table statements into changes. JSqlParser 5.3 cannot parse a few forms that
 * people write every day, so they are read here by hand first (each gap is pinned by a test):
 * {@code ADD CHECK} without a constraint name, {@code DROP INDEX CONCURRENTLY} and {@code DROP INDEX ... IF EXISTS}.
 * {@code CREATE INDEX} in every form is read by {@link CreateIndexStatement} (in {@link SqlChangeReader}).
 */
final class ObjectStatements {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$.]*)";
    private static final Pattern ADD_CHECK = Pattern.compile("(?is)\\s*ALTER\\s+TABLE\\s+(?:ONLY\\s+)?" + NAME
            + "\\s+ADD\\s+(?:CONSTRAINT\\s+" + NAME + "\\s+)?CHECK\\s*\\((.*)\\)\\s*(NOT\\s+VALID)?\\s*");
    private static final Pattern CONCURRENTLY_INDEX = Pattern.compile(
            "(?is)(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)CONCURRENTLY\\s+(.*)");
    private static final Pattern DROP_INDEX = Pattern.compile("(?is)\\s*DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(IF\\s+EXISTS\\s+)?" + NAME + "(?:\\s+ON\\s+" + NAME + ")?\\s*(CASCADE|RESTRICT)?\\s*");
    private static final Pattern COLUMN_EXTRAS = Pattern.compile("(?i)\\b(AUTO_INCREMENT|GENERATED|IDENTITY)\\b");

    private final Dialect dialect;

    ObjectStatements(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The changes of a statement JSqlParser cannot read, or empty when the parser should take it. */
    Optional<List<Change>> beforeParsing(String sql, String where) {
        Matcher check = ADD_CHECK.matcher(sql);
        if (check.matches()) {
            String expression;
            try {
                expression = CCJSqlParserUtil.parseCondExpression(check.group(3), false).toString();
            } catch (JSQLParserException e) {
                throw StrategistException.invalid(where + ": CHECK (" + check.group(3).trim() + "): not an expression"
                        + " this version can read");
            }
            return Optional.of(List.of(new AddCheck(id(check.group(1)),
                    check.group(2) == null ? null : id(check.group(2)), expression)));
        }
        Matcher drop = DROP_INDEX.matcher(sql);
        if (drop.matches()) {
            if (drop.group(5) != null && drop.group(5).equalsIgnoreCase("CASCADE")) {
                throw StrategistException.invalid(where + ": DROP INDEX ... CASCADE drops whatever depends on the"
                        + " index; drop those explicitly instead");
            }
            return Optional.of(List.of(new DropIndex(drop.group(4) == null ? null : id(drop.group(4)),
                    id(drop.group(3)), drop.group(1) != null)));
        }
        return Optional.empty();
    }

    /** {@code CREATE INDEX CONCURRENTLY ...} without the keyword (the parser lacks it), or the text unchanged. */
    static String withoutConcurrently(String sql) {
        Matcher m = CONCURRENTLY_INDEX.matcher(sql);
        return m.matches() ? m.group(1) + m.group(2) : sql;
    }

    static boolean concurrently(String sql) {
        return CONCURRENTLY_INDEX.matcher(sql).matches();
    }

    /** Changes for a parsed statement this class knows, or empty. */
    Optional<List<Change>> parsed(Statement parsed, String originalSql, String where) {
        if (parsed instanceof Drop drop && "TABLE".equalsIgnoreCase(drop.getType())) {
            if (drop.getParameters() != null && drop.getParameters().stream().anyMatch("CASCADE"::equalsIgnoreCase)) {
                throw StrategistException.invalid(where + ": DROP TABLE ... CASCADE drops the views and foreign keys"
                        + " that depend on it; drop those explicitly instead");
            }
            return Optional.of(List.of(new DropTable(id(drop.getName().getFullyQualifiedName()))));
        }
        if (parsed instanceof RenameTableStatement rename) {
            List<Change> out = new ArrayList<>();
            rename.getTableNames().forEach(e -> out.add(new RenameTable(id(e.getKey().getFullyQualifiedName()),
                    id(e.getValue().getFullyQualifiedName()))));
            return Optional.of(out);
        }
        if (parsed instanceof net.sf.jsqlparser.statement.create.table.CreateTable) {
            if (COLUMN_EXTRAS.matcher(originalSql).find()) {
                throw StrategistException.invalid(where + ": CREATE TABLE: AUTO_INCREMENT, GENERATED and IDENTITY"
                        + " columns are not modelled yet (use a serial type on PostgreSQL, or create the table as"
                        + " written: a new table is safe as it is)");
            }
            Schema one = new SchemaReader(dialect).read(originalSql + ";", where);
            return Optional.of(one.tables().stream().map(t -> (Change) new CreateTable(t)).toList());
        }
        return Optional.empty();
    }

    /** The change for one ALTER TABLE clause this class knows, or empty. */
    Optional<Change> alter(Ident table, AlterExpression ae) {
        if (ae.getOperation() == AlterOperation.RENAME_TABLE && ae.getNewTableName() != null) {
            // RENAME TO takes a bare name: the table stays in its schema
            Ident to = id(ae.getNewTableName());
            return Optional.of(new RenameTable(table, to.qualified() ? to : table.sibling(to)));
        }
        if (ae.getOperation() == AlterOperation.DROP && ae.getIndex() != null && ae.getIndex().getName() != null) {
            return Optional.of(new DropIndex(table, id(ae.getIndex().getName()), true));
        }
        if (ae.getOperation() != AlterOperation.ADD) {
            return Optional.empty();
        }
        if (ae.getFkColumns() != null && ae.getFkSourceTable() != null) {
            String referenced = ae.getFkSourceSchema() == null ? ae.getFkSourceTable()
                    : ae.getFkSourceSchema() + "." + ae.getFkSourceTable(); // REFERENCES sales.owners keeps its schema
            return Optional.of(new AddForeignKey(table, null, ids(ae.getFkColumns()), id(referenced),
                    ae.getFkSourceColumns() == null ? List.of() : ids(ae.getFkSourceColumns()),
                    action(ae.getReferentialAction(ReferentialAction.Type.DELETE)),
                    action(ae.getReferentialAction(ReferentialAction.Type.UPDATE))));
        }
        if (ae.getPkColumns() != null) {
            return Optional.of(new AddPrimaryKey(table, null, ids(ae.getPkColumns())));
        }
        if (ae.getUkColumns() != null) {
            return Optional.of(new AddUnique(table, ae.getUkName() == null ? null : id(ae.getUkName()),
                    ids(ae.getUkColumns())));
        }
        Index index = ae.getIndex();
        if (index == null) {
            return Optional.empty();
        }
        Ident name = index.getName() == null ? null : id(index.getName());
        if (index instanceof ForeignKeyIndex fk) {
            return Optional.of(new AddForeignKey(table, name, ids(fk.getColumnsNames()),
                    id(fk.getTable().getFullyQualifiedName()),
                    fk.getReferencedColumnNames() == null ? List.of() : ids(fk.getReferencedColumnNames()),
                    fk.getOnDeleteReferenceOption(), fk.getOnUpdateReferenceOption()));
        }
        String type = index.getType() == null ? "INDEX" : index.getType().toUpperCase(Locale.ROOT);
        List<Ident> columns = ids(index.getColumnsNames());
        if (type.contains("PRIMARY")) {
            return Optional.of(new AddPrimaryKey(table, name, columns));
        }
        if (type.startsWith("UNIQUE")) {
            return Optional.of(new AddUnique(table, name, columns));
        }
        if (type.equals("INDEX") || type.equals("KEY")) {
            return Optional.of(new CreateIndex(table, name, columns, false, null, true));
        }
        return Optional.empty();
    }

    private static String action(ReferentialAction action) {
        return action == null || action.getAction() == null ? null : action.getAction().toString().replace('_', ' ');
    }

    private List<Ident> ids(List<String> names) {
        return names.stream().map(this::id).toList();
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
