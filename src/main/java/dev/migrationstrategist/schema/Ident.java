package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An SQL identifier as the database stores it (already case-folded where the dialect folds unquoted names).
 * It is never concatenated into SQL directly: render it with {@code Dialect.quote(Ident)}.
 *
 * <p>A table outside the connection's current schema (PostgreSQL schema, MySQL/MariaDB database) carries that schema
 * as {@link #schema}; a name in the current schema, and every column, has none. Two names are the same object only
 * when their schemas are equal: {@code sales."Orders"} is never {@code orders}. In the JSON an unqualified name is a
 * string (as it always was) and a qualified one an object {@code {"schema": "sales", "name": "Orders"}}.
 */
public record Ident(String name, String schema) implements Comparable<Ident> {
    private static final Comparator<Ident> ORDER = Comparator
            .comparing(Ident::schema, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Ident::name);

    public Ident {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0 || schema != null && schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        if (schema != null && schema.isEmpty()) {
            throw new IllegalArgumentException("a schema name cannot be empty");
        }
    }

    /** An unqualified name: a column, or a table of the current schema. */
    public Ident(String name) {
        this(name, null);
    }

    public static Ident of(String name) {
        return new Ident(name);
    }

    /** {@code schema.name}; a null schema gives the unqualified name. */
    public static Ident qualified(String schema, String name) {
        return new Ident(name, schema);
    }

    /** Reads a name from the plan JSON: a string, or {@code {"schema": ..., "name": ...}}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Ident fromJson(JsonNode node) {
        if (node.isTextual()) {
            return new Ident(node.asText());
        }
        JsonNode name = node.get("name");
        JsonNode schema = node.get("schema");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("a name is a string or {\"schema\": ..., \"name\": ...}: " + node);
        }
        return new Ident(name.asText(), schema == null || schema.isNull() ? null : schema.asText());
    }

    @JsonValue
    Object json() {
        if (schema == null) {
            return name;
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schema", schema);
        out.put("name", name);
        return out;
    }

    public boolean qualified() {
        return schema != null;
    }

    /** The same name without its schema (an object a plan creates next to a table, in the table's schema). */
    public Ident unqualified() {
        return schema == null ? this : new Ident(name);
    }

    /** {@code other}'s name in this identifier's schema (a table renamed: it stays in its schema). */
    public Ident sibling(Ident other) {
        return Objects.equals(schema, other.schema) ? other : new Ident(other.name, schema);
    }

    /**
     * True when both name the same object in a case-insensitive catalog (MySQL columns, PostgreSQL folded names):
     * same schema, names equal ignoring case. Tables are found by {@link Schema#table}, which prefers the exact name.
     */
    public boolean sameAs(Ident other) {
        return other != null && Objects.equals(schema, other.schema) && name.equalsIgnoreCase(other.name);
    }

    public String lower() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Ident o) {
        return ORDER.compare(this, o);
    }

    /** The name for messages: {@code sales.Orders} when qualified. Never SQL: use {@code Dialect.quote}. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
