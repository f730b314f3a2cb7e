package dev.migrationstrategist.input;

import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads State A from DDL: {@code CREATE TABLE}, {@code CREATE [UNIQUE] INDEX} and
 * {@code ALTER TABLE ... ADD CONSTRAINT}, as written by hand or by {@code pg_dump --schema-only} and
 * {@code mysqldump --no-data}. Statements that do not shape tables (SET, COMMENT, OWNER, sequences,
 * functions) are skipped.
 */
public final class SchemaReader {
    private static final Pattern RELEVANT = Pattern.compile(
            "(?is)^\\s*(create\\s+(unlogged\\s+|temporary\\s+|temp\\s+)?table|create\\s+(unique\\s+)?index"
                    + "|alter\\s+table).*");
    private static final Pattern SKIPPED_ALTER = Pattern.compile(
            "(?is)^\\s*alter\\s+table\\s+.*\\s(owner\\s+to|enable\\s+|disable\\s+|replica\\s+identity|set\\s*\\(|"
                    + "attach\\s+partition|alter\\s+column\\s+\\S+\\s+(add\\s+generated|set\\s+default\\s+nextval)).*");
    private final Dialect dialect;

    public SchemaReader(Dialect dialect) {
        this.dialect = dialect;
    }

    public Schema read(String ddl, String sourceName) {
        Schema schema = Schema.empty();
        for (SqlScript.Statement st : SqlScript.split(ddl, dialect instanceof MySqlDialect)) {
            String sql = st.sql();
            if (!RELEVANT.matcher(sql).matches() || SKIPPED_ALTER.matcher(sql).matches()) {
                continue;
            }
            Statement parsed;
            try {
                parsed = CCJSqlParserUtil.parse(sql);
            } catch (JSQLParserException e) {
                throw StrategistException.invalid(ParseErrors.describe(sourceName, st, e));
            }
            String where = sourceName + ":" + st.line() + ":" + st.column();
            if (parsed instanceof CreateTable ct) {
                Table table = table(ct, where);
                if (schema.hasTable(table.name())) {
                    throw StrategistException.invalid(where + ": table " + table.name() + " is created twice");
                }
                schema = schema.withTable(table);
            } else if (parsed instanceof CreateIndex ci) {
                Ident tableName = id(ci.getTable().getFullyQualifiedName());
                Table table = schema.table(tableName).orElseThrow(() -> StrategistException.invalid(
                        where + ": CREATE INDEX on unknown table " + tableName));
                var idx = ci.getIndex();
                boolean unique = idx.getType() != null && idx.getType().toUpperCase(Locale.ROOT).contains("UNIQUE");
                List<Ident> columns = idx.getColumnsNames().stream().map(this::id).toList();
                String method = ci.getIndex().getUsing();
                schema = schema.withTable(table.withIndex(new Index(id(idx.getName()), table.name(), columns, unique,
                        method == null ? null : method.toLowerCase(Locale.ROOT), null, true)));
            } else if (parsed instanceof Alter alter) {
                Ident tableName = id(alter.getTable().getFullyQualifiedName());
                Table table = schema.table(tableName).orElseThrow(() -> StrategistException.invalid(
                        where + ": ALTER TABLE on unknown table " + tableName));
                for (AlterExpression ae : alter.getAlterExpressions()) {
                    if (ae.getIndex() != null) {
                        table = addIndexOrConstraint(table, ae.getIndex(), where);
                    }
                }
                schema = schema.withTable(table);
            }
        }
        return schema;
    }

    private Table table(CreateTable ct, String where) {
        Ident name = id(ct.getTable().getFullyQualifiedName());
        Table table = new Table(name, List.of(), List.of(), List.of());
        List<ColumnDefinition> defs = ct.getColumnDefinitions() == null ? List.of() : ct.getColumnDefinitions();
        for (ColumnDefinition cd : defs) {
            Ident column = id(cd.getColumnName());
            String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs());
            DataType type;
            try {
                type = DataType.parse(typeText(cd));
            } catch (IllegalArgumentException e) {
                throw StrategistException.invalid(where + ": column " + name + "." + column + ": " + e.getMessage());
            }
            String upper = specs.toUpperCase(Locale.ROOT);
            boolean notNull = upper.matches(".*\\bNOT\\s+NULL\\b.*") || upper.matches(".*\\bPRIMARY\\s+KEY\\b.*");
            String def = defaultOf(specs);
            table = table.withColumn(new Column(column, type, !notNull, def));
            if (upper.matches(".*\\bPRIMARY\\s+KEY\\b.*")) {
                table = table.withConstraint(new Constraint.PrimaryKey(null, List.of(column)));
            } else if (upper.matches(".*\\bUNIQUE\\b.*")) {
                table = table.withConstraint(new Constraint.Unique(null, List.of(column)));
            }
            Matcher ref = Pattern.compile("(?i)\\bREFERENCES\\s+([^\\s(]+)\\s*\\(([^)]*)\\)").matcher(specs);
            if (ref.find()) {
                table = table.withConstraint(new Constraint.ForeignKey(null, List.of(column), id(ref.group(1)),
                        List.of(id(ref.group(2))), null, null, true));
            }
        }
        if (ct.getIndexes() != null) {
            for (net.sf.jsqlparser.statement.create.table.Index index : ct.getIndexes()) {
                table = addIndexOrConstraint(table, index, where);
            }
        }
        return table;
    }

    private Table addIndexOrConstraint(Table table, net.sf.jsqlparser.statement.create.table.Index index, String where) {
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        Ident name = index.getName() == null ? null : id(index.getName());
        boolean valid = !index.toString().toUpperCase(Locale.ROOT).contains("NOT VALID");
        if (index instanceof ForeignKeyIndex fk) {
            return table.withConstraint(new Constraint.ForeignKey(name, columns(index),
                    id(fk.getTable().getFullyQualifiedName()),
                    fk.getReferencedColumnNames().stream().map(this::id).toList(),
                    fk.getOnDeleteReferenceOption(), fk.getOnUpdateReferenceOption(), valid));
        }
        if (index instanceof CheckConstraint check) {
            String expr = check.getExpression() == null ? "" : check.getExpression().toString();
            return table.withConstraint(new Constraint.Check(name, expr, columnsIn(expr, table), valid));
        }
        if (type.contains("PRIMARY")) {
            return table.withConstraint(new Constraint.PrimaryKey(name, columns(index)));
        }
        if (type.startsWith("UNIQUE")) {
            if (dialectIsMySql()) {
                return table.withIndex(new Index(name == null ? columns(index).get(0) : name, table.name(),
                        columns(index), true, null, null, true));
            }
            return table.withConstraint(new Constraint.Unique(name, columns(index)));
        }
        if (type.equals("KEY") || type.equals("INDEX")) {
            return table.withIndex(new Index(name == null ? columns(index).get(0) : name, table.name(),
                    columns(index), false, null, null, true));
        }
        return table; // FULLTEXT, SPATIAL, EXCLUDE: not modelled yet
    }

    private boolean dialectIsMySql() {
        return dialect instanceof MySqlDialect;
    }

    private List<Ident> columns(net.sf.jsqlparser.statement.create.table.Index index) {
        return index.getColumnsNames().stream().map(c -> id(c.replaceAll("\\s*\\(\\d+\\)$", ""))).toList();
    }

    private static List<Ident> columnsIn(String expression, Table table) {
        List<Ident> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(c.name().name()) + "\"?(?![\\w$])")
                    .matcher(expression).find()) {
                out.add(c.name());
            }
        }
        return out;
    }

    private static String typeText(ColumnDefinition cd) {
        String text = cd.getColDataType().toString().replaceAll("\\s+\\(", "(");
        // MySQL display widths (int(11), bigint(20)) are not types of their own.
        return text.replaceAll("(?i)^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)", "$1");
    }

    /** The DEFAULT expression out of JSqlParser's column spec tokens, or null. */
    static String defaultOf(String specs) {
        Matcher m = Pattern.compile("(?i)\\bDEFAULT\\s+(.+?)(\\s+(NOT\\s+NULL|NULL|PRIMARY|UNIQUE|REFERENCES|CHECK"
                + "|COLLATE|COMMENT|ON\\s+UPDATE|CONSTRAINT|AUTO_INCREMENT|GENERATED)\\b.*)?$").matcher(specs);
        if (!m.find()) {
            return null;
        }
        String expr = m.group(1).trim().replaceAll("\\s+\\(\\s*\\)", "()");
        return expr.equalsIgnoreCase("NULL") ? null : expr;
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
