package dev.migrationstrategist.change;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.dialect.EnumLists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Add {@code value} to an enum: a PostgreSQL enum type ({@code type}; {@code table}/{@code column} null), or the
 * ENUM/SET type of a column ({@code table}.{@code column}: on MySQL/MariaDB it resolves to a
 * {@link ChangeColumnType} with the new list; on PostgreSQL to the column's enum type). At most one of
 * {@code before} and {@code after} names the neighbour; neither means at the end.
 */
public record AddEnumValue(Ident type, Ident tableName, Ident column, String value, String before, String after)
        implements Change {
    public AddEnumValue {
        Objects.requireNonNull(value, "value");
        if (type == null && (tableName == null || column == null)) {
            throw new IllegalArgumentException("add enum value: name the type or the table and column");
        }
        if (before != null && after != null) {
            throw new IllegalArgumentException("add enum value: give BEFORE or AFTER, not both");
        }
    }

    /** The PostgreSQL form: {@code ALTER TYPE type ADD VALUE 'value'}. */
    public static AddEnumValue ofType(Ident type, String value, String before, String after) {
        return new AddEnumValue(type, null, null, value, before, after);
    }

    @Override
    public Ident table() {
        return type != null ? type : tableName;
    }

    @Override
    public Change resolve(Schema schema, Dialect dialect) {
        String what = describe();
        if (tableName == null) {
            if (dialect instanceof MySqlDialect) {
                throw StrategistException.invalid(what + ": " + dialect.displayName() + " has no enum types; an ENUM"
                        + " belongs to a column: add value " + dialect.literal(value) + " to enum TABLE.COLUMN");
            }
            return this;
        }
        Table t = schema.table(tableName).orElseThrow(() -> StrategistException.invalid(what + ": unknown table "
                + tableName + (schema.isEmpty() ? " (no schema was given: pass --schema FILE)" : "")));
        Column c = t.column(column).orElseThrow(() -> StrategistException.invalid(what + ": unknown column "
                + tableName + "." + column));
        if (!(dialect instanceof MySqlDialect)) {
            EnumType e = schema.enumType(Ident.of(c.type().base())).orElseThrow(() -> StrategistException.invalid(
                    what + ": " + tableName + "." + column + " has type " + c.type() + ", not an enum type of the"
                            + " schema"));
            return ofType(e.name(), value, before, after);
        }
        if (!EnumLists.isEnumOrSet(c.type())) {
            throw StrategistException.invalid(what + ": " + tableName + "." + column + " has type " + c.type()
                    + ", not ENUM or SET");
        }
        List<String> values = EnumLists.values(c.type());
        if (values.contains(value)) {
            throw StrategistException.invalid(what + ": " + tableName + "." + column + " already has the value "
                    + dialect.literal(value));
        }
        return new ChangeColumnType(t.name(), c.name(), EnumLists.of(c.type().base(),
                insert(values, value, before, after, what, dialect), dialect));
    }

    /** The list with {@code value} placed before/after its neighbour, or at the end. */
    public static List<String> insert(List<String> values, String value, String before, String after, String what,
                                      Dialect dialect) {
        List<String> out = new ArrayList<>(values);
        String neighbour = before != null ? before : after;
        if (neighbour == null) {
            out.add(value);
            return out;
        }
        int i = out.indexOf(neighbour);
        if (i < 0) {
            throw StrategistException.invalid(what + ": there is no value " + dialect.literal(neighbour) + " to put it "
                    + (before != null ? "before" : "after") + " (the values are " + values + ")");
        }
        out.add(before != null ? i : i + 1, value);
        return out;
    }

    @Override
    public Schema applyTo(Schema schema) {
        if (type == null) {
            return schema;
        }
        return schema.enumType(type).map(e -> {
            if (e.values().contains(value)) {
                return schema;
            }
            List<String> next = new ArrayList<>(e.values());
            String neighbour = before != null ? before : after;
            int i = neighbour == null ? -1 : next.indexOf(neighbour);
            if (i < 0) {
                next.add(value);
            } else {
                next.add(before != null ? i : i + 1, value);
            }
            return schema.withEnum(new EnumType(e.name(), next));
        }).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (type != null) {
            map.put("type", type.name());
        } else {
            map.put("table", Change.json(tableName));
            map.put("column", column.name());
        }
        map.put("value", value);
        if (before != null) {
            map.put("before", before);
        }
        if (after != null) {
            map.put("after", after);
        }
        return map;
    }

    @Override
    public String describe() {
        return "add value '" + value.replace("'", "''") + "' to enum "
                + (type != null ? type.name() : tableName + "." + column)
                + (before != null ? " before '" + before.replace("'", "''") + "'" : "")
                + (after != null ? " after '" + after.replace("'", "''") + "'" : "");
    }
}
