package dev.migrationstrategist.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.migrationstrategist.plan.Phase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a plan JSON against the published schema {@code schema/migration-strategist-output.schema.json}, plus
 * what a JSON Schema cannot say: step numbers run 1..n, phases never go back, and every rollback scenario names
 * a step that exists. Call {@link #assertValid(String)} on every JSON a test makes the tool produce.
 */
public final class JsonSchemaAssert {
    /** The published schema, relative to the project directory (where Maven runs the tests). */
    public static final Path SCHEMA_FILE = Path.of("schema", "migration-strategist-output.schema.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static JsonSchema schema;

    private JsonSchemaAssert() {
    }

    /** Fails with every problem listed when {@code json} is not a valid format_version 1 plan. */
    public static void assertValid(String json) {
        List<String> problems = problems(json);
        if (!problems.isEmpty()) {
            throw new AssertionError("the plan JSON does not match " + SCHEMA_FILE + ":\n  - "
                    + String.join("\n  - ", problems) + "\n" + json);
        }
    }

    /** The problems of {@code json}, empty when it is valid. */
    public static List<String> problems(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema().validate(node)) {
            out.add(m.getInstanceLocation() + ": " + m.getMessage());
        }
        if (out.isEmpty()) {
            out.addAll(timelineProblems(node));
        }
        return out;
    }

    /** The published schema, loaded once. */
    public static synchronized JsonSchema schema() {
        if (schema == null) {
            schema = FACTORY.getSchema(schemaNode());
        }
        return schema;
    }

    /** The schema file as a tree. */
    public static JsonNode schemaNode() {
        try {
            return MAPPER.readTree(Files.readString(SCHEMA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_FILE.toAbsolutePath(), e);
        }
    }

    /** Problems of the schema file itself against the JSON Schema 2020-12 meta-schema (bundled, offline). */
    public static List<String> metaSchemaProblems() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return meta.validate(schemaNode()).stream().map(m -> m.getInstanceLocation() + ": " + m.getMessage())
                .toList();
    }

    private static List<String> timelineProblems(JsonNode root) {
        List<String> out = new ArrayList<>();
        JsonNode steps = root.path("steps");
        int previous = -1;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (step.path("number").asInt() != i + 1) {
                out.add("$.steps[" + i + "].number: " + step.path("number") + ", expected " + (i + 1));
            }
            Optional<Phase> phase = Phase.fromJsonName(step.path("phase").asText());
            int order = phase.map(Phase::ordinal).orElse(-1);
            if (order < previous) {
                out.add("$.steps[" + i + "].phase: " + step.path("phase").asText()
                        + " comes after a later phase; phases run in the order " + List.of(Phase.values()));
            }
            previous = Math.max(previous, order);
        }
        for (JsonNode scenario : root.path("rollback")) {
            int n = scenario.path("if_step_fails").asInt();
            if (n < 1 || n > steps.size()) {
                out.add("$.rollback: if_step_fails " + n + " names no step (the plan has " + steps.size() + ")");
            }
        }
        return out;
    }
}
