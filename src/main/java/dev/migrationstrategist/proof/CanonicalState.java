package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The canonical JSON form of schema objects, as the plan file's {@code state_a} carries them, and back. One schema
 * has exactly one form: keys in a fixed order, a key whose value is absent (an unnamed constraint, no default) left
 * out, lists in the model's order (State A's declaration order, which the planner also sees). Types, defaults and
 * expressions are kept as written (the planner renders them into SQL); compare them with a live catalog through
 * {@code SchemaMatch}, never as text. Reading it back gives the same model records, so the planner run on them
 * makes the same steps.
 */
public final class CanonicalState {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalState() {
    }

    /**
     * {@code {"tables": [...], "enums": [...], "domains": [...], "dependants": {...}}}; enums, domains and dependants
     * (views, routines, triggers, generated and ON UPDATE columns: {@link CanonicalDependants}) only when there are
     * some.
     */
    public static ObjectNode of(Schema schema) {
        ObjectNode node = JSON.objectNode();
        ArrayNode tables = node.putArray("tables");
        schema.tables().forEach(t -> tables.add(table(t)));
        if (!schema.enums().isEmpty()) {
            ArrayNode enums = node.putArray("enums");
            for (EnumType e : schema.enums()) {
                ObjectNode n = enums.addObject();
                putName(n, "name", e.name());
                strings(n.putArray("values"), e.values());
            }
        }
        if (!schema.domains().isEmpty()) {
            ArrayNode domains = node.putArray("domains");
            schema.domains().forEach(d -> domains.add(domain(d)));
        }
        if (!schema.dependants().isEmpty()) {
            node.set("dependants", CanonicalDependants.of(schema.dependants()));
        }
        return node;
    }

    /** The one-line text of a canonical node (no indentation), what a fingerprint is taken of. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode table(Table t) {
        ObjectNode n = JSON.objectNode();
        putName(n, "name", t.name());
        ArrayNode columns = n.putArray("columns");
        for (Column c : t.columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name().name());
            col.put("type", c.type().sql());
            col.put("nullable", c.nullable());
            putIfPresent(col, "default", c.defaultExpression());
            if (c.autoIncrement()) {
                col.put("auto_increment", true);
            }
            if (c.identity() != null) {
                col.put("identity", c.identity().always() ? "always" : "by_default");
                putIfPresent(col, "identity_sequence", c.identity().sequence() == null ? null
                        : c.identity().sequence().name());
            }
        }
        ArrayNode constraints = n.putArray("constraints");
        t.constraints().forEach(c -> constraints.add(constraint(c)));
        ArrayNode indexes = n.putArray("indexes");
        for (Index i : t.indexes()) {
            ObjectNode idx = indexes.addObject();
            idx.put("name", i.name().name());
            if (!i.table().equals(t.name())) {
                putName(idx, "table", i.table()); // as the DDL spelled it, where that differs
            }
            idents(idx.putArray("columns"), i.columns());
            idx.put("unique", i.unique());
            putIfPresent(idx, "method", i.method());
            putIfPresent(idx, "where", i.where());
            idx.put("valid", i.valid());
            // the full definition, only where it is more than plain columns (older plan files have none of these)
            if (!i.keys().isEmpty()) {
                idx.set("keys", MAPPER.valueToTree(i.keys()));
            }
            if (!i.include().isEmpty()) {
                idents(idx.putArray("include"), i.include());
            }
            if (i.nullsNotDistinct()) {
                idx.put("nulls_not_distinct", true);
            }
            if (!i.with().isEmpty()) {
                i.with().forEach(idx.putArray("with")::add);
            }
            if (i.invisible()) {
                idx.put("invisible", true);
            }
        }
        if (!t.partitioning().isNone()) {
            ObjectNode p = n.putObject("partitioning");
            putIfPresent(p, "strategy", t.partitioning().strategy());
            putIfPresent(p, "key", t.partitioning().key());
            if (t.partitioning().parent() != null) {
                putName(p, "parent", t.partitioning().parent());
            }
            putIfPresent(p, "bound", t.partitioning().bound());
        }
        return n;
    }

    private static ObjectNode constraint(Constraint c) {
        ObjectNode n = JSON.objectNode();
        n.put("kind", kind(c));
        if (c.name() != null) {
            n.put("name", c.name().name());
        }
        idents(n.putArray("columns"), c.columns());
        if (c instanceof Constraint.Check check) {
            n.put("expression", check.expression());
        } else if (c instanceof Constraint.ForeignKey fk) {
            putName(n, "referenced_table", fk.referencedTable());
            idents(n.putArray("referenced_columns"), fk.referencedColumns());
            putIfPresent(n, "on_delete", fk.onDelete());
            putIfPresent(n, "on_update", fk.onUpdate());
        }
        if (c instanceof Constraint.Check || c instanceof Constraint.ForeignKey) {
            n.put("valid", c.valid());
        }
        return n;
    }

    private static ObjectNode domain(DomainType d) {
        ObjectNode n = JSON.objectNode();
        putName(n, "name", d.name());
        n.put("base", d.base().sql());
        n.put("not_null", d.notNull());
        putIfPresent(n, "default", d.defaultExpression());
        ArrayNode checks = n.putArray("checks");
        for (DomainType.Check c : d.checks()) {
            ObjectNode check = checks.addObject();
            check.put("name", c.name().name());
            check.put("expression", c.expression());
            check.put("valid", c.valid());
        }
        return n;
    }

    private static String kind(Constraint c) {
        if (c instanceof Constraint.PrimaryKey) {
            return "primary_key";
        }
        if (c instanceof Constraint.Unique) {
            return "unique";
        }
        return c instanceof Constraint.Check ? "check" : "foreign_key";
    }

    /** Reads {@link #of(Schema)} back; {@code where} names the section in messages. */
    public static Schema schema(JsonNode node, String where) {
        List<Table> tables = new ArrayList<>();
        node.path("tables").forEach(t -> tables.add(table(t, where)));
        List<EnumType> enums = new ArrayList<>();
        node.path("enums").forEach(e -> enums.add(new EnumType(ident(e, "name", where), strings(e.path("values")))));
        List<DomainType> domains = new ArrayList<>();
        for (JsonNode d : node.path("domains")) {
            List<DomainType.Check> checks = new ArrayList<>();
            d.path("checks").forEach(c -> checks.add(new DomainType.Check(ident(c, "name", where),
                    c.path("expression").asText(), c.path("valid").asBoolean(true))));
            domains.add(new DomainType(ident(d, "name", where), type(d.path("base").asText(), where),
                    d.path("not_null").asBoolean(false), text(d, "default"), checks));
        }
        return new Schema(tables, enums, domains, CanonicalDependants.read(node.path("dependants")));
    }

    /**
     * An index entry as {@link #table} writes it (also the definition of a {@code create_index} change), named
     * {@code name}; {@code table} where the entry does not name its own.
     */
    public static Index index(JsonNode i, Ident name, Ident table, String where) {
        List<IndexKey> keys;
        try {
            keys = i.has("keys") ? List.of(MAPPER.treeToValue(i.get("keys"), IndexKey[].class)) : List.of();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw StrategistException.invalid(where + ": index " + name + ": unreadable keys: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return new Index(name, i.has("table") ? ident(i, "table", where) : table,
                idents(i.path("columns"), where), i.path("unique").asBoolean(false), text(i, "method"),
                text(i, "where"), i.path("valid").asBoolean(true), keys, idents(i.path("include"), where),
                i.path("nulls_not_distinct").asBoolean(false), strings(i.path("with")),
                i.path("invisible").asBoolean(false));
    }

    /** A column's {@code identity} ("always" / "by_default") and {@code identity_sequence}, or null. */
    private static dev.migrationstrategist.schema.Identity identity(JsonNode c) {
        String kind = text(c, "identity");
        if (kind == null) {
            return null;
        }
        String sequence = text(c, "identity_sequence");
        return new dev.migrationstrategist.schema.Identity("always".equals(kind),
                sequence == null ? null : Ident.of(sequence));
    }

    public static Table table(JsonNode n, String where) {
        Ident name = ident(n, "name", where);
        List<Column> columns = new ArrayList<>();
        n.path("columns").forEach(c -> columns.add(new Column(ident(c, "name", where),
                type(c.path("type").asText(), where), c.path("nullable").asBoolean(true), text(c, "default"), c.path("auto_increment").asBoolean(false), identity(c))));
        List<Constraint> constraints = new ArrayList<>();
        n.path("constraints").forEach(c -> constraints.add(constraint(c, where)));
        List<Index> indexes = new ArrayList<>();
        for (JsonNode i : n.path("indexes")) {
            indexes.add(index(i, ident(i, "name", where), name, where));
        }
        JsonNode p = n.path("partitioning");
        dev.migrationstrategist.schema.Partitioning partitioning = p.isObject()
                ? new dev.migrationstrategist.schema.Partitioning(text(p, "strategy"), text(p, "key"),
                        p.has("parent") ? ident(p, "parent", where) : null, text(p, "bound"))
                : dev.migrationstrategist.schema.Partitioning.NONE;
        return new Table(name, columns, constraints, indexes, partitioning);
    }

    private static Constraint constraint(JsonNode c, String where) {
        Ident name = c.has("name") ? ident(c, "name", where) : null;
        List<Ident> columns = idents(c.path("columns"), where);
        boolean valid = c.path("valid").asBoolean(true);
        return switch (c.path("kind").asText()) {
            case "primary_key" -> new Constraint.PrimaryKey(name, columns);
            case "unique" -> new Constraint.Unique(name, columns);
            case "check" -> new Constraint.Check(name, c.path("expression").asText(), columns, valid);
            case "foreign_key" -> new Constraint.ForeignKey(name, columns, ident(c, "referenced_table", where),
                    idents(c.path("referenced_columns"), where), text(c, "on_delete"), text(c, "on_update"), valid);
            default -> throw StrategistException.invalid(where + ": unknown constraint kind " + c.path("kind"));
        };
    }

    /**
     * A type as the model holds it: parsed when it has a type's shape, else kept as reported (what
     * {@code CatalogReader} does with a type the parser does not take), so the round trip gives the same record.
     */
    static DataType type(String text, String where) {
        if (text.isBlank()) {
            throw StrategistException.invalid(where + ": a column without a type");
        }
        try {
            return DataType.parse(text);
        } catch (IllegalArgumentException e) {
            return new DataType(text, text.toLowerCase(Locale.ROOT), List.of(), false);
        }
    }

    /** A name as {@link Ident}'s JSON: a string, or {@code {"schema": ..., "name": ...}} outside the current schema. */
    static void putName(com.fasterxml.jackson.databind.node.ObjectNode n, String key, Ident name) {
        if (name.qualified()) {
            n.putObject(key).put("schema", name.schema()).put("name", name.name());
        } else {
            n.put(key, name.name());
        }
    }

    private static Ident ident(JsonNode n, String key, String where) {
        JsonNode q = n.path(key);
        if (q.isObject()) {
            String schema = q.path("schema").asText("");
            String name = q.path("name").asText("");
            if (name.isEmpty() || schema.isEmpty()) {
                throw StrategistException.invalid(where + ": \"" + key + "\" needs a schema and a name");
            }
            return Ident.qualified(schema, name);
        }
        String v = n.path(key).asText("");
        if (v.isEmpty()) {
            throw StrategistException.invalid(where + ": \"" + key + "\" is missing or empty");
        }
        return Ident.of(v);
    }

    private static List<Ident> idents(JsonNode array, String where) {
        List<Ident> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.asText().isEmpty()) {
                throw StrategistException.invalid(where + ": an empty name");
            }
            out.add(Ident.of(v.asText()));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void idents(ArrayNode array, List<Ident> values) {
        values.forEach(v -> array.add(v.name()));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
