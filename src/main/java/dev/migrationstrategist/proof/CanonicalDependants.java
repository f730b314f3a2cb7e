package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;

import dev.migrationstrategist.schema.ViewOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical JSON of State A's {@link Dependants} (the plan file's {@code state_a.dependants}), and back: what a
 * strategy reads of them to plan again (names, what each uses, whether the engine said so, a trigger's timing, events,
 * assigned and written tables, generated columns, ON UPDATE columns), and a view's definition and options (a column
 * rename recreates the views that read it). Routine and trigger bodies are not carried: no strategy reads them.
 */
final class CanonicalDependants {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CanonicalDependants() {
    }

    static ObjectNode of(Dependants d) {
        ObjectNode n = JSON.objectNode();
        if (!d.views().isEmpty()) {
            ArrayNode views = n.putArray("views");
            for (Dependant.View v : d.views()) {
                ObjectNode o = views.addObject();
                CanonicalState.putName(o, "name", v.name());
                o.put("materialized", v.materialized());
                o.put("exact", v.exact());
                uses(o, v.uses());
                if (v.definition() != null) {
                    o.put("definition", v.definition());
                }
                ViewOptions opts = v.options();
                if (!opts.equals(ViewOptions.NONE)) {
                    ObjectNode op = o.putObject("options");
                    if (opts.checkOption() != null) {
                        op.put("check_option", opts.checkOption());
                    }
                    if (opts.security() != null) {
                        op.put("security", opts.security());
                    }
                    if (opts.definer() != null) {
                        op.put("definer", opts.definer());
                    }
                    opts.reloptions().forEach(op.withArray("reloptions")::add);
                }
            }
        }
        if (!d.routines().isEmpty()) {
            ArrayNode routines = n.putArray("routines");
            for (Dependant.Routine r : d.routines()) {
                ObjectNode o = routines.addObject();
                CanonicalState.putName(o, "name", r.name());
                o.put("kind", r.kind());
                o.put("language", r.language());
                o.put("sql_body", r.sqlBody());
                o.put("exact", r.exact());
                uses(o, r.uses());
            }
        }
        if (!d.triggers().isEmpty()) {
            ArrayNode triggers = n.putArray("triggers");
            for (Dependant.Trigger t : d.triggers()) {
                ObjectNode o = triggers.addObject();
                CanonicalState.putName(o, "name", t.name());
                CanonicalState.putName(o, "table", t.table());
                o.put("timing", t.timing());
                t.events().forEach(o.putArray("events")::add);
                if (t.function() != null) {
                    CanonicalState.putName(o, "function", t.function());
                }
                t.assigns().forEach(a -> o.withArray("assigns").add(a.name()));
                t.writes().forEach(w -> o.withArray("writes").add(w.name()));
                o.put("exact", t.exact());
                uses(o, t.uses());
            }
        }
        if (!d.generated().isEmpty()) {
            ArrayNode generated = n.putArray("generated");
            for (Dependant.Generated g : d.generated()) {
                ObjectNode o = generated.addObject();
                CanonicalState.putName(o, "table", g.table());
                o.put("column", g.column().name());
                o.put("expression", g.expression());
                o.put("stored", g.stored());
                uses(o, g.uses());
            }
        }
        if (!d.onUpdate().isEmpty()) {
            ArrayNode onUpdate = n.putArray("on_update");
            d.onUpdate().forEach(u -> use(onUpdate.addObject(), u));
        }
        return n;
    }

    static Dependants read(JsonNode n) {
        List<Dependant.View> views = new ArrayList<>();
        n.path("views").forEach(o -> views.add(new Dependant.View(id(o, "name"), o.path("materialized").asBoolean(),
                o.hasNonNull("definition") ? o.path("definition").asText() : null, uses(o),
                o.path("exact").asBoolean(), new ViewOptions(text(o.path("options"), "check_option"),
                text(o.path("options"), "security"), text(o.path("options"), "definer"),
                strings(o.path("options").path("reloptions"))))));
        List<Dependant.Routine> routines = new ArrayList<>();
        n.path("routines").forEach(o -> routines.add(new Dependant.Routine(id(o, "name"), o.path("kind").asText(),
                o.path("language").asText(), null, uses(o), o.path("exact").asBoolean(),
                o.path("sql_body").asBoolean())));
        List<Dependant.Trigger> triggers = new ArrayList<>();
        n.path("triggers").forEach(o -> triggers.add(new Dependant.Trigger(id(o, "name"), id(o, "table"),
                o.path("timing").asText(), strings(o.path("events")), o.hasNonNull("function") ? id(o, "function")
                : null, null, idents(o.path("assigns")), idents(o.path("writes")), uses(o),
                o.path("exact").asBoolean())));
        List<Dependant.Generated> generated = new ArrayList<>();
        n.path("generated").forEach(o -> generated.add(new Dependant.Generated(id(o, "table"), id(o, "column"),
                o.path("expression").asText(), o.path("stored").asBoolean(), uses(o))));
        List<Dependant.Use> onUpdate = new ArrayList<>();
        n.path("on_update").forEach(o -> onUpdate.add(use(o)));
        return new Dependants(views, routines, triggers, generated, onUpdate);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.path(field).asText() : null;
    }

    private static void uses(ObjectNode o, List<Dependant.Use> uses) {
        ArrayNode array = o.putArray("uses");
        uses.forEach(u -> use(array.addObject(), u));
    }

    private static void use(ObjectNode o, Dependant.Use u) {
        CanonicalState.putName(o, "table", u.table());
        if (u.column() != null) {
            o.put("column", u.column().name());
        }
    }

    private static List<Dependant.Use> uses(JsonNode o) {
        List<Dependant.Use> out = new ArrayList<>();
        o.path("uses").forEach(u -> out.add(use(u)));
        return out;
    }

    private static Dependant.Use use(JsonNode u) {
        return new Dependant.Use(id(u, "table"), u.hasNonNull("column") ? id(u, "column") : null);
    }

    private static Ident id(JsonNode o, String key) {
        JsonNode q = o.path(key);
        if (q.isObject()) {
            return Ident.qualified(q.path("schema").asText(), q.path("name").asText());
        }
        return Ident.of(q.asText());
    }

    private static List<Ident> idents(JsonNode array) {
        List<Ident> out = new ArrayList<>();
        array.forEach(v -> out.add(Ident.of(v.asText())));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
