package dev.migrationstrategist.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The published JSON Schema of the plan (schema/migration-strategist-output.schema.json, shipped in the jar), for
 * checking a plan file before {@code apply} runs anything from it.
 */
public final class PlanSchema {
    static final String RESOURCE = "/dev/migrationstrategist/migration-strategist-output.schema.json";
    private static JsonSchema schema;

    private PlanSchema() {
    }

    /** The schema's complaints about a plan, as "path: message" lines; empty when it is valid. */
    public static List<String> problems(JsonNode plan) {
        return load().validate(plan).stream()
                .map((ValidationMessage m) -> m.getInstanceLocation() + ": " + m.getMessage()).sorted().toList();
    }

    private static synchronized JsonSchema load() {
        if (schema == null) {
            try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the plan schema is missing from the jar: " + RESOURCE);
                }
                JsonNode node = new ObjectMapper().readTree(in);
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
