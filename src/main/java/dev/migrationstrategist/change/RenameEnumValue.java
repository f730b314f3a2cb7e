package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Rename the value {@code from} of the PostgreSQL enum type {@code type} to {@code to} (PostgreSQL 10+). */
public record RenameEnumValue(Ident type, String from, String to) implements Change {
    public RenameEnumValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public Ident table() {
        return type;
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.enumType(type).map(e -> schema.withEnum(new EnumType(e.name(),
                e.values().stream().map(v -> v.equals(from) ? to : v).toList()))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type.name());
        map.put("from", from);
        map.put("to", to);
        return map;
    }

    @Override
    public String describe() {
        return "rename value '" + from.replace("'", "''") + "' of enum " + type + " to '" + to.replace("'", "''")
                + "'";
    }
}
