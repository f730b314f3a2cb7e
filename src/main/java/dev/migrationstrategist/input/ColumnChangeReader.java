package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.dialect.TypeChanges;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the column clauses of an {@code ALTER TABLE}: ADD COLUMN, DROP COLUMN, ALTER COLUMN SET/DROP NOT NULL,
 * SET/DROP DEFAULT, TYPE, and MySQL's MODIFY / CHANGE (same name), which restate the whole column and are read as
 * the differences to the column in State A.
 */
final class ColumnChangeReader {
    private static final Pattern CONSTRAINT_SPEC = Pattern.compile(
            "(?i).*\\b(PRIMARY\\s+KEY|UNIQUE|REFERENCES|CHECK|GENERATED|FIRST|AFTER)\\b.*");
    private static final Pattern AUTO_INCREMENT = Pattern.compile("(?i).*\\bAUTO_INCREMENT\\b.*");
    private final Dialect dialect;
    private final Schema schema;

    ColumnChangeReader(Dialect dialect, Schema schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    /** The changes of one clause, or null when it is not a column clause this reader knows. */
    List<Change> read(Ident table, AlterExpression ae, String where) {
        AlterOperation op = ae.getOperation();
        if (op == AlterOperation.ALGORITHM || op == AlterOperation.LOCK) {
            return List.of(); // MySQL/MariaDB options of the statement, not changes: the plan picks its own
        }
        if (op == AlterOperation.ADD && ae.getColDataTypeList() != null && ae.getIndex() == null) {
            List<Change> out = new ArrayList<>();
            for (var cd : ae.getColDataTypeList()) {
                out.add(new AddColumn(table, column(cd, where, "ADD COLUMN")));
            }
            return out;
        }
        if (op == AlterOperation.DROP && ae.getColumnName() != null && ae.getIndex() == null
                && ae.getConstraintName() == null) {
            return List.of(new DropColumn(table, id(ae.getColumnName())));
        }
        if (op == AlterOperation.ALTER) {
            if (ae.getColumnSetDefaultList() != null && !ae.getColumnSetDefaultList().isEmpty()) {
                var d = ae.getColumnSetDefaultList().get(0);
                return List.of(new SetDefault(table, id(d.getColumnName()), expression(d.getDefaultValue())));
            }
            if (ae.getColumnDropDefaultList() != null && !ae.getColumnDropDefaultList().isEmpty()) {
                return List.of(new DropDefault(table, id(ae.getColumnDropDefaultList().get(0).getColumnName())));
            }
            if (ae.getColDataTypeList() != null && !ae.getColDataTypeList().isEmpty()) {
                Change c = alterColumn(table, ae.getColDataTypeList().get(0), where);
                // ALTER COLUMN c TYPE <the type it has> (ORMs write it beside DROP NOT NULL) changes nothing
                return c instanceof ChangeColumnType t && t.restates(schema) ? List.of() : List.of(c);
            }
        }
        if ((op == AlterOperation.MODIFY || op == AlterOperation.CHANGE) && ae.getColDataTypeList() != null
                && ae.getColDataTypeList().size() == 1) {
            var cd = ae.getColDataTypeList().get(0);
            if (op == AlterOperation.CHANGE && ae.getColumnOldName() != null
                    && !id(ae.getColumnOldName()).sameAs(id(cd.getColumnName()))) {
                return change(table, id(ae.getColumnOldName()), column(cd, where, "CHANGE"), where);
            }
            return modify(table, column(cd, where, "MODIFY"), where);
        }
        return null;
    }

    private Change alterColumn(Ident table, ColumnDefinition cd, String where) {
        Ident column = id(cd.getColumnName());
        String type = cd.getColDataType() == null ? null : cd.getColDataType().getDataType();
        String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs()).trim();
        if ("SET".equalsIgnoreCase(type) && specs.equalsIgnoreCase("NOT NULL")) {
            return new SetNotNull(table, column);
        }
        if (type == null && specs.equalsIgnoreCase("DROP NOT NULL")) {
            return new DropNotNull(table, column);
        }
        if (type != null && (specs.isEmpty() || trivialUsing(specs, column))) {
            return new ChangeColumnType(table, column, type(cd, where));
        }
        if (type != null && specs.toUpperCase(Locale.ROOT).startsWith("USING")) {
            throw StrategistException.invalid(where + ": ALTER COLUMN " + column + " TYPE ... " + specs + ": a custom"
                    + " USING conversion is not supported yet (the plan converts with an assignment or a CAST); leave"
                    + " USING out");
        }
        throw SqlChangeReader.unsupported(where, "ALTER COLUMN " + column + " " + SqlChangeReader.firstWords(
                (type == null ? "" : type + " ") + specs));
    }

    /** {@code USING col::type} or {@code USING CAST(col AS type)}: what the plan does anyway. */
    private static boolean trivialUsing(String specs, Ident column) {
        String s = specs.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
        String c = Pattern.quote(column.lower());
        return s.matches("using \"?" + c + "\"? :: .*") || s.matches("using cast \\( ?\"?" + c + "\"? as .*");
    }

    /**
     * MySQL's {@code CHANGE old new definition}: a rename (RENAME COLUMN before MySQL 8.0 / MariaDB 10.5), carrying
     * the type when the definition changes it; a change of nullability or default comes first, on the old name.
     * Without the column in the schema the definition's type is taken as the new type (what lint can judge).
     */
    private List<Change> change(Ident table, Ident old, Column target, String where) {
        var existing = schema.table(table).flatMap(t -> t.column(old));
        if (existing.isEmpty()) {
            return List.of(new RenameColumn(table, old, target.name(), target.type()));
        }
        List<Change> out = new ArrayList<>();
        DataType newType = null;
        for (Change c : redefinitions(table, existing.get(), target.withName(old), where, "CHANGE")) {
            if (c instanceof ChangeColumnType t) {
                newType = t.newType();
            } else {
                out.add(c);
            }
        }
        out.add(new RenameColumn(table, old, target.name(), newType));
        return out;
    }

    private List<Change> modify(Ident table, Column target, String where) {
        var existing = schema.table(table).flatMap(t -> t.column(target.name()));
        if (existing.isEmpty()) {
            return List.of(new ChangeColumnType(table, target.name(), target.type()));
        }
        List<Change> out = redefinitions(table, existing.get(), target, where, "MODIFY");
        if (out.isEmpty()) {
            throw StrategistException.invalid(where + ": MODIFY " + existing.get().name() + " restates the column as"
                    + " it is in the schema; nothing to plan");
        }
        return out;
    }

    /** What a full column definition changes of the column as it is: type, nullability, default. */
    private List<Change> redefinitions(Ident table, Column now, Column target, String where, String clause) {
        if (target.autoIncrement() != now.autoIncrement()) {
            throw StrategistException.invalid(where + ": " + clause + " " + now.name() + (target.autoIncrement()
                    ? " adds AUTO_INCREMENT to a column that does not have it; that is not supported: it needs the"
                    + " column to be a key and renumbers nothing already there"
                    : " leaves out AUTO_INCREMENT, which " + table + "." + now.name() + " has: the server would stop"
                    + " numbering inserts; repeat AUTO_INCREMENT in the MODIFY to keep it"));
        }
        List<Change> out = new ArrayList<>();
        if (!TypeChanges.same(now.type(), target.type())) {
            out.add(new ChangeColumnType(table, now.name(), target.type()));
        }
        if (now.nullable() && !target.nullable()) {
            out.add(new SetNotNull(table, now.name()));
        } else if (!now.nullable() && target.nullable()) {
            out.add(new DropNotNull(table, now.name()));
        }
        if (!Objects.equals(now.defaultExpression(), target.defaultExpression())) {
            out.add(target.defaultExpression() == null ? new DropDefault(table, now.name())
                    : new SetDefault(table, now.name(), target.defaultExpression()));
        }
        return out;
    }

    private Column column(ColumnDefinition cd, String where, String clause) {
        Ident name = id(cd.getColumnName());
        String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs());
        if (CONSTRAINT_SPEC.matcher(specs).matches()) {
            throw StrategistException.invalid(where + ": " + clause + " " + name + " " + specs.trim() + ": a column"
                    + " with a key, constraint, generated value or position is not supported yet; add the plain"
                    + " column and the constraint as separate changes");
        }
        boolean notNull = specs.toUpperCase(Locale.ROOT).matches(".*\\bNOT\\s+NULL\\b.*");
        return new Column(name, type(cd, where), !notNull, defaultOf(specs), AUTO_INCREMENT.matcher(specs).matches());
    }

    private DataType type(ColumnDefinition cd, String where) {
        String text = cd.getColDataType().toString().replaceAll("\\s+\\(", "(")
                .replaceAll("(?i)^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)", "$1");
        try {
            return DataType.parse(text);
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid(where + ": column " + cd.getColumnName() + ": " + e.getMessage());
        }
    }

    /** The DEFAULT expression out of JSqlParser's column spec tokens (which it parsed), or null. */
    static String defaultOf(String specs) {
        java.util.regex.Matcher m = Pattern.compile("(?i)\\bDEFAULT\\s+(.+?)(\\s+(NOT\\s+NULL|NULL|PRIMARY|UNIQUE"
                + "|REFERENCES|CHECK|COLLATE|COMMENT|ON\\s+UPDATE|CONSTRAINT|AUTO_INCREMENT|GENERATED)\\b.*)?$")
                .matcher(specs);
        if (!m.find()) {
            return null;
        }
        String expr = expression(m.group(1));
        return expr.equalsIgnoreCase("NULL") ? null : expr;
    }

    private static String expression(String parsed) {
        return parsed.trim().replaceAll("\\s+\\(\\s*\\)", "()");
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
