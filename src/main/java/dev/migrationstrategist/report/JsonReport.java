package dev.migrationstrategist.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.migrationstrategist.statement.BackfillStatement;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.Statement;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.RollbackScenario;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.proof.OptionsJson;
import dev.migrationstrategist.proof.StateASection;

import java.util.List;
import java.util.Map;

/**
 * The machine-readable plan (format_version 1): the seed's keys ({@code skill}, {@code steps} with
 * {@code phase}, {@code target_table}, {@code action}, {@code details}, {@code query}) exactly as the seed has
 * them, everything else added around them. Published schema: {@code schema/migration-strategist-output.schema.json}.
 * It ends with {@code state_a}, the State A the plan was made from and its fingerprint ({@link StateASection}), so
 * that {@code apply} can check the database and plan the changes again before it runs anything.
 */
public final class JsonReport {
    public static final String SKILL = "migration-strategist";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Statements keep the plan's snake_case field names. */
    private static final ObjectMapper STATEMENTS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public ObjectNode toJson(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("skill", SKILL);
        root.put("format_version", FORMAT_VERSION);
        ObjectNode dialect = root.putObject("dialect");
        dialect.put("name", plan.dialect().name());
        dialect.put("version", plan.dialect().versionLabel());
        root.set("options", options(plan.options()));
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode node = changes.addObject();
            node.put("kind", c.kind());
            putAll(node, c.fields());
        }
        ArrayNode steps = root.putArray("steps");
        for (Step s : plan.steps()) {
            steps.add(step(s, plan.dialect()));
        }
        ArrayNode rollback = root.putArray("rollback");
        for (RollbackScenario r : plan.rollbackStrategy()) {
            ObjectNode node = rollback.addObject();
            node.put("if_step_fails", r.ifStepFails());
            node.put("do", r.action());
            if (r.safeBecause() != null) {
                node.put("safe_because", r.safeBecause());
            }
        }
        ArrayNode guardrails = root.putArray("guardrails");
        for (Finding f : plan.findings()) {
            ObjectNode node = guardrails.addObject();
            node.put("rule", f.rule());
            node.put("severity", f.severity().jsonName());
            if (f.table() != null) {
                node.put("table", f.table());
            }
            node.put("message", f.message());
            node.put("safe_alternative", f.safeAlternative());
            if (f.location() != null) {
                node.put("location", f.location());
            }
        }
        if (plan.before() != null) {
            root.set("state_a", StateASection.of(plan));
            ArrayNode created = StateASection.createdTables(plan);
            if (!created.isEmpty()) {
                root.set("created_tables", created);
            }
        }
        return root;
    }

    /** The "options" object: the settings that shaped the plan (also part of the State A fingerprint). */
    /** The options that shaped the plan, as the plan file writes them (and the fingerprint hashes them). */
    public static ObjectNode options(PlanOptions o) {
        return OptionsJson.of(o);
    }

    public String render(Plan plan) {
        try {
            return MAPPER.writeValueAsString(toJson(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the plan as JSON", e);
        }
    }

    private ObjectNode step(Step s, dev.migrationstrategist.dialect.Dialect dialect) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("number", s.number());
        node.put("phase", s.phase().jsonName());
        putIfPresent(node, "target_table", s.targetTable());
        putIfPresent(node, "action", s.action());
        putIfPresent(node, "details", s.details());
        if (s instanceof BackfillStep b) {
            node.put("query", b.query());
        }
        node.put("title", s.title());
        if (s instanceof SchemaStep schema) {
            strings(node.putArray("sql"), schema.sql());
            node.set("statements", statements(schema.statements()));
            node.put("lock", schema.lock());
            node.put("transactional", schema.transactional());
            putIfPresent(node, "verify_sql", schema.verifySql());
        } else if (s instanceof BackfillStep b) {
            node.put("batch_size", b.batchSize());
            node.put("key_column", b.keyColumn());
            strings(node.putArray("sql"), List.of(b.batchSql()));
            node.putArray("statements").add(STATEMENTS.valueToTree(b.batch().statement()));
            node.put("next_key_sql", b.nextKeySql());
            node.set("next_key", STATEMENTS.valueToTree(b.nextKey().statement()));
            node.put("verify_sql", b.remainingSql());
            node.set("remaining", STATEMENTS.valueToTree(b.remaining().statement()));
            if (b.walksPartitions()) {
                // what runs: the batch addressed to each leaf partition, in the order they are walked
                ArrayNode parts = node.putArray("partitions");
                for (var p : b.partitions()) {
                    parts.addObject().put("table", p.name()).put("sql", dialect.render(b.batchOn(p)));
                }
            }
            node.put("transactional", true);
        } else if (s instanceof AppReleaseStep app) {
            node.put("app_version", app.appVersion());
            strings(node.putArray("reads"), app.reads());
            strings(node.putArray("writes"), app.writes());
        }
        strings(node.putArray("description"), s.bullets());
        if (!s.actions().isEmpty()) {
            strings(node.putArray("actions"), s.actions());
        }
        node.set("rollback", rollback(s.rollback()));
        return node;
    }

    private ObjectNode rollback(Rollback r) {
        ObjectNode node = MAPPER.createObjectNode();
        if (!r.sql().isEmpty()) {
            strings(node.putArray("sql"), r.sql());
            node.set("statements", statements(r.statements()));
        }
        node.put("note", r.note());
        if (r.safeBecause() != null) {
            node.put("safe_because", r.safeBecause());
        }
        node.put("irreversible", r.irreversible());
        return node;
    }

    /** Each statement as data: its {@code kind} and fields, in the order of {@code sql}. */
    private static ArrayNode statements(List<Rendered> statements) {
        ArrayNode array = MAPPER.createArrayNode();
        statements.forEach(r -> array.add(STATEMENTS.valueToTree(r.statement())));
        return array;
    }

    /** Reads one statement back from the plan JSON. */
    public static Statement statement(JsonNode node) throws JsonProcessingException {
        return STATEMENTS.treeToValue(node, Statement.class);
    }

    /** Reads one backfill statement (a batch, a next-key or a remaining-count query) back from the plan JSON. */
    public static BackfillStatement backfillStatement(JsonNode node) throws JsonProcessingException {
        return STATEMENTS.treeToValue(node, BackfillStatement.class);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putAll(ObjectNode node, Map<String, Object> fields) {
        fields.forEach((k, v) -> node.set(k, MAPPER.valueToTree(v)));
    }
}
