package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the user wants, one record per kind of change. The {@code permits} clause is the only list of kinds:
 * JSON names, CLI listings and docs are derived from it.
 */
public sealed interface Change permits RenameColumn, AddColumn, DropColumn, SetNotNull, DropNotNull, SetDefault,
        DropDefault, ChangeColumnType,
        AddCheck, AddForeignKey, AddUnique, AddPrimaryKey, CreateIndex, DropIndex, CreateTable, DropTable, RenameTable,
        SplitTable, MergeTable, MoveColumns, AddEnumValue, RenameEnumValue,
        AddDomainCheck, DropDomainCheck {

    /**
     * The existing columns of {@link #table()} this change reads or alters (for a rename: the old name), so the
     * planner can tell when two changes of one request touch the same column. Empty for table-level changes.
     */
    default List<Ident> columnsTouched() {
        return List.of();
    }

    /** The table the change is about. */
    Ident table();


    /** State B of this change alone: the schema after the change, as the model sees it. */
    Schema applyTo(Schema schema);

    /**
     * The same change with what the user left implicit filled in from State A (a constraint's default name, the
     * table of {@code DROP INDEX name}); throws a {@code StrategistException} when State A cannot tell.
     */
    default Change resolve(Schema schema, Dialect dialect) {
        return this;
    }

    /** The change as JSON fields, besides {@code kind}. */
    Map<String, Object> fields();

    /** One line for people: "rename column users.name to full_name". */
    String describe();

    /**
     * A table's name in the change JSON: a string in the current schema (as always), else
     * {@code {"schema": ..., "name": ...}} (as {@link Ident}'s own JSON).
     */
    static Object json(Ident table) {
        if (!table.qualified()) {
            return table.name();
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("schema", table.schema());
        out.put("name", table.name());
        return out;
    }

    /** The JSON fields of a change about one column: {@code table} and {@code column}, in that order. */
    static Map<String, Object> columnFields(Ident table, Ident column) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("column", column.name());
        return map;
    }

    /**
     * The JSON fields of a change that names an object on columns (a constraint, an index): {@code table}, then
     * {@code name} when the user gave one, then {@code columns}; kinds add their own fields after these.
     */
    static Map<String, Object> namedColumnsFields(Ident table, Ident name, List<Ident> columns) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("table", Change.json(table));
        if (name != null) {
            map.put("name", name.name());
        }
        map.put("columns", columns.stream().map(Ident::name).toList());
        return map;
    }

    /** snake_case of the class name: {@code RenameColumn} → {@code rename_column}. */
    default String kind() {
        return kindOf(getClass());
    }

    static String kindOf(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Every change kind's JSON name, in declaration order. */
    static List<String> kinds() {
        return Arrays.stream(Change.class.getPermittedSubclasses()).map(Change::kindOf).toList();
    }
}
