package dev.migrationstrategist.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema is itself valid, accepts what the tool writes and rejects what breaks the contract. */
class OutputSchemaTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SCHEMA_DDL = "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT);";

    static String plan(String dialect, SyncMode sync) {
        return Strategist.configure().dialect(dialect).sync(sync).schemaSql(SCHEMA_DDL).load()
                .planSql("ALTER TABLE users RENAME COLUMN name TO full_name;").json();
    }

    @Test
    void schemaFileIsValidJsonSchema2020_12() {
        assertThat(JsonSchemaAssert.metaSchemaProblems()).isEmpty();
        JsonNode schema = JsonSchemaAssert.schemaNode();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/properties/skill/const").asText()).isEqualTo("migration-strategist");
        assertThat(schema.at("/properties/format_version/const").asInt()).isEqualTo(JsonReport.FORMAT_VERSION);
    }

    @Test
    void phaseEnumListsEveryPhaseInTimelineOrder() {
        List<String> listed = new ArrayList<>();
        JsonSchemaAssert.schemaNode().at("/$defs/phase/enum").forEach(n -> listed.add(n.asText()));
        assertThat(listed).containsExactlyElementsOf(Arrays.stream(Phase.values()).map(Phase::jsonName).toList());
    }

    @ParameterizedTest
    @CsvSource({"postgresql:15,TRIGGER", "postgresql:10,TRIGGER", "postgresql:15,APP", "mysql:8.0,TRIGGER",
            "mysql:5.7,APP", "mariadb:10.11,TRIGGER", "mariadb:10.11,APP"})
    void everyDialectAndSyncModeWritesValidJson(String dialect, SyncMode sync) {
        JsonSchemaAssert.assertValid(plan(dialect, sync));
    }

    @Test
    void rejectsAWrongSkillOrFormatVersion() {
        assertRejected(root -> root.put("skill", "other"), "skill");
        assertRejected(root -> root.put("format_version", 2), "format_version");
    }

    @Test
    void rejectsAKeyTheSchemaDoesNotDeclare() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(0)).put("surprise", 1), "surprise");
    }

    @Test
    void rejectsAStepRollbackWithoutNote() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(0).get("rollback")).remove("note"), "note");
    }

    @Test
    void rejectsAnIrreversibleRollbackThatClaimsSqlOrHidesTheWord() {
        assertRejected(root -> ((ObjectNode) contract(root).get("rollback")).putArray("sql").add("SELECT 1;"),
                "rollback");
        assertRejected(root -> ((ObjectNode) contract(root).get("rollback")).put("note", "gone"), "note");
    }

    @Test
    void rejectsASchemaStepWithoutSqlAndAnAppReleaseWithSql() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(0)).remove("sql"), "sql");
        assertRejected(root -> ((ObjectNode) root.get("steps").get(1)).putArray("sql").add("SELECT 1;"), "steps[1]");
    }

    @Test
    void rejectsABackfillWithoutQuery() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(2)).remove("query"), "query");
    }

    @Test
    void rejectsAGuardrailWithoutSafeAlternativeOrWithAnUnknownSeverity() {
        assertRejected(root -> ((ObjectNode) root.get("guardrails").get(0)).remove("safe_alternative"),
                "safe_alternative");
        assertRejected(root -> ((ObjectNode) root.get("guardrails").get(0)).put("severity", "fatal"), "severity");
    }

    @Test
    void rejectsAnUnknownPhaseAndPhasesOutOfOrder() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(0)).put("phase", "migrate"), "phase");
        assertRejected(root -> {
            ArrayNode steps = (ArrayNode) root.get("steps");
            JsonNode first = steps.remove(0);
            steps.add(first);
            for (int i = 0; i < steps.size(); i++) {
                ((ObjectNode) steps.get(i)).put("number", i + 1);
            }
        }, "phase");
    }

    @Test
    void rejectsStepNumbersThatSkipAndRollbackForAMissingStep() {
        assertRejected(root -> ((ObjectNode) root.get("steps").get(1)).put("number", 7), "number");
        assertRejected(root -> ((ObjectNode) root.get("rollback").get(0)).put("if_step_fails", 9), "if_step_fails");
    }

    @Test
    void rejectsAStateAWithAMalformedFingerprintOrAColumnWithoutType() {
        assertRejected(root -> ((ObjectNode) root.get("state_a")).put("fingerprint", "md5:abc"), "fingerprint");
        assertRejected(root -> ((ObjectNode) root.at("/state_a/tables/0/columns/0")).remove("type"), "type");
        assertRejected(root -> ((ObjectNode) root.at("/state_a/tables/0/constraints/0")).put("kind", "exclusion"),
                "kind");
    }

    private static JsonNode contract(ObjectNode root) {
        JsonNode steps = root.get("steps");
        return steps.get(steps.size() - 1);
    }

    private static void assertRejected(Consumer<ObjectNode> breakIt, String mentioned) {
        String valid = plan("postgresql:15", SyncMode.TRIGGER);
        assertThat(JsonSchemaAssert.problems(valid)).isEmpty();
        ObjectNode root;
        try {
            root = (ObjectNode) MAPPER.readTree(valid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        breakIt.accept(root);
        List<String> problems = JsonSchemaAssert.problems(root.toString());
        assertThat(problems).as("problems of the broken JSON").isNotEmpty();
        assertThat(String.join("\n", problems)).contains(mentioned);
    }
}
