package dev.migrationstrategist.proof;

import dev.migrationstrategist.rederive.Rederivation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.api.Strategist;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand edits of a plan file are found, and named by step and field; an untouched file plans again to itself. */
class RederivationTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SCHEMA = "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email TEXT);";

    static ObjectNode plan(String dialect) throws Exception {
        String json = Strategist.configure().dialect(dialect).schemaSql(SCHEMA).load()
                .planSql("ALTER TABLE users RENAME COLUMN name TO full_name;").json();
        return (ObjectNode) MAPPER.readTree(json);
    }

    static String difference(ObjectNode root) {
        return Rederivation.firstDifference(PlanEvidence.read(root, "plan.json")).orElse(null);
    }

    static ObjectNode edited(String dialect, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = plan(dialect);
        edit.accept(root);
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11", "mysql:8.0"})
    void anUntouchedPlanPlansAgainToItself(String dialect) throws Exception {
        assertThat(difference(plan(dialect))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void aDropColumnAppendedToStep1IsNamed(String dialect) throws Exception {
        ObjectNode root = edited(dialect, r -> ((ArrayNode) r.get("steps").get(0).get("sql"))
                .add("ALTER TABLE users DROP COLUMN email;"));
        int n = plan(dialect).get("steps").get(0).get("sql").size();
        assertThat(difference(root)).startsWith("step 1 sql[" + n + "]: the file has `ALTER TABLE users DROP COLUMN"
                + " email;`, planning the changes again gives nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void aReleaseStepDeletedAndTheRestRenumberedIsNamed(String dialect) throws Exception {
        ObjectNode root = edited(dialect, r -> {
            ArrayNode steps = (ArrayNode) r.get("steps");
            steps.remove(1); // app_release_1
            for (int i = 0; i < steps.size(); i++) {
                ((ObjectNode) steps.get(i)).put("number", i + 1);
            }
        });
        assertThat(difference(root)).startsWith("step 2 phase: the file has `backfill`, planning the changes again"
                + " gives `app_release_1`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void aLockTimeoutChangedOrRemovedIsNamed(String dialect) throws Exception {
        ObjectNode changed = edited(dialect, r -> ((ArrayNode) r.get("steps").get(0).get("sql"))
                .set(0, dialect.startsWith("postgresql") ? "SET lock_timeout = '1h';"
                        : "SET SESSION lock_wait_timeout = 3600;"));
        assertThat(difference(changed)).startsWith("step 1 sql[0]: the file has `SET ");
        ObjectNode removed = edited(dialect, r -> ((ArrayNode) r.get("steps").get(0).get("sql")).remove(0));
        assertThat(difference(removed)).startsWith("step 1 sql[0]: the file has `");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void anEditedStateAOrOptionNoLongerMatchesTheFingerprint(String dialect) throws Exception {
        ObjectNode column = edited(dialect, r -> ((ObjectNode) r.at("/state_a/tables/0/columns/1"))
                .put("type", "VARCHAR(100)"));
        PlanEvidence evidence = PlanEvidence.read(column, "plan.json");
        assertThat(evidence.computedFingerprint()).isNotEqualTo(evidence.fingerprint());
        ObjectNode rows = edited(dialect, r -> ((ObjectNode) r.at("/options/rows")).put("users", 10));
        PlanEvidence small = PlanEvidence.read(rows, "plan.json");
        assertThat(small.computedFingerprint()).isNotEqualTo(small.fingerprint());
        // an option that shapes the steps: they no longer follow from it
        ObjectNode batch = edited(dialect, r -> ((ObjectNode) r.get("options")).put("batch_size", 500));
        assertThat(Rederivation.firstDifference(PlanEvidence.read(batch, "plan.json")))
                .hasValueSatisfying(d -> assertThat(d).startsWith("step 3 batch_size: the file has 10000, planning"
                        + " the changes again gives 500"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mariadb:10.11"})
    void aReformattedFileIsNoEdit(String dialect) throws Exception {
        ObjectNode root = plan(dialect);
        ObjectNode reordered = (ObjectNode) MAPPER.readTree(MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(MAPPER.convertValue(root, java.util.TreeMap.class)));
        PlanEvidence evidence = PlanEvidence.read(reordered, "plan.json");
        assertThat(evidence.computedFingerprint()).isEqualTo(evidence.fingerprint());
        assertThat(Rederivation.firstDifference(evidence)).isEmpty();
    }
}
