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

    /**
     * State B: {@code to} where {@code from} was, and {@code from} right after it, unused. PostgreSQL cannot drop an
     * enum value, and writers of the old spelling keep working through the rollout only if it stays a value.
     */
    @Override
    public Schema applyTo(Schema schema) {
        return schema.enumType(type).map(e -> schema.withEnum(new EnumType(e.name(), renamed(e.values()))))
                .orElse(schema);
    }

    /** The values after the rename: {@code to} in {@code from}'s place, then {@code from}. */
    public java.util.List<String> renamed(java.util.List<String> values) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String v : values) {
            if (v.equals(from)) {
                out.add(to);
            }
            out.add(v);
        }
        return out;
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
