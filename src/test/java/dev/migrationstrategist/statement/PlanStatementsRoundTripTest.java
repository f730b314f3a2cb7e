package dev.migrationstrategist.statement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every golden plan reads back into typed statements whose rendering by the plan's dialect is exactly the SQL the
 * file shows (PlanFile refuses otherwise), every statement kind appears in at least one golden plan, and a plan whose
 * SQL text was edited by hand is refused.
 */
class PlanStatementsRoundTripTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Path> goldenPlans() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
            return files.filter(p -> p.getFileName().toString().equals("plan.json")).sorted().toList();
        }
    }

    @Test
    void everyGoldenPlanReadsBackIntoStatementsThatRenderItsSql() throws IOException {
        List<Path> plans = goldenPlans();
        assertThat(plans).hasSizeGreaterThan(60);
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        int read = 0;
        for (Path p : plans) {
            if (MAPPER.readTree(p.toFile()).path("steps").findValues("sql").stream().anyMatch(v -> v.isEmpty())) {
                continue; // a step only an online schema-change tool runs (pt-osc / gh-ost): no SQL, not applyable
            }
            PlanFile plan = PlanFile.read(p);
            read++;
            for (Step s : plan.steps()) {
                if (s instanceof SchemaStep schema) {
                    assertThat(schema.statements()).as(p + " step " + s.number()).isNotEmpty();
                    schema.statements().forEach(r -> kinds.add(r.statement().kind()));
                    schema.rollback().statements().forEach(r -> kinds.add(r.statement().kind()));
                } else if (s instanceof BackfillStep backfill) {
                    kinds.add(backfill.batch().statement().kind());
                    kinds.add(backfill.nextKey().statement().kind());
                    kinds.add(backfill.remaining().statement().kind());
                }
            }
        }
        assertThat(read).isGreaterThan(60);
        // the kinds the catalog's golden plans exercise; a kind no plan uses would be dead code
        assertThat(kinds).contains("add_columns", "drop_columns", "rename_columns", "column_defaults",
                "set_not_null", "drop_not_null", "modify_columns", "add_constraint", "validate_constraint",
                "drop_constraint", "create_index", "drop_index", "create_function", "create_trigger", "drop_trigger",
                "drop_function", "create_table", "drop_table", "rename_table", "create_view", "drop_view",
                "add_enum_value", "rename_enum_value", "add_domain_check", "validate_domain_constraint",
                "drop_domain_constraint", "set_lock_timeout", "set_foreign_key_checks", "lock_tables",
                "unlock_tables", "add_constraint_using_index", "copy_batch", "insert_select_batch",
                "update_join_batch", "next_key", "count_rows");
    }

    @Test
    void aPlanWhoseSqlTextWasEditedByHandIsRefused() throws IOException {
        Path golden = Path.of("src/test/resources/golden/rename_column/postgresql-15/plan.json");
        ObjectNode root = (ObjectNode) MAPPER.readTree(golden.toFile());
        ArrayNode sql = (ArrayNode) root.path("steps").get(0).path("sql");
        sql.set(1, sql.get(1).asText().replace(";", ", DROP COLUMN name;"));
        assertThatThrownBy(() -> PlanFile.parse(root, "edited.json"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("edited.json: step 1: sql 2 is not what its statement renders");
    }

    @Test
    void aStatementAddedToTheSqlWithoutItsDataIsRefused() throws IOException {
        Path golden = Path.of("src/test/resources/golden/rename_column/mariadb-10.11/plan.json");
        ObjectNode root = (ObjectNode) MAPPER.readTree(golden.toFile());
        ((ArrayNode) root.path("steps").get(0).path("sql")).add("ALTER TABLE users DROP COLUMN name;");
        assertThatThrownBy(() -> PlanFile.parse(root, "edited.json"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("\"statements\" must hold one entry per \"sql\" statement");
    }

    @Test
    void aPlanFromBeforeStatementsWereDataIsRefusedWithAdvice() throws IOException {
        Path golden = Path.of("src/test/resources/golden/rename_column/mariadb-10.11/plan.json");
        ObjectNode root = (ObjectNode) MAPPER.readTree(golden.toFile());
        root.path("steps").forEach(s -> ((ObjectNode) s).remove("statements"));
        assertThatThrownBy(() -> PlanFile.parse(root, "old.json"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("plan again");
    }

    /** The backfill step (step 3) of a golden plan, to edit. */
    private static ObjectNode backfill(ObjectNode root) {
        ObjectNode step = (ObjectNode) root.path("steps").get(2);
        assertThat(step.path("phase").asText()).isEqualTo("backfill");
        return step;
    }

    private static ObjectNode golden(String path) throws IOException {
        return (ObjectNode) MAPPER.readTree(Path.of("src/test/resources/golden", path, "plan.json").toFile());
    }

    @Test
    void aBackfillWhoseBatchSqlWasEditedByHandIsRefused() throws IOException {
        ObjectNode root = golden("rename_column/postgresql-15");
        ArrayNode sql = (ArrayNode) backfill(root).path("sql");
        sql.set(0, sql.get(0).asText().replace(" AND full_name IS DISTINCT FROM name", ""));
        assertThatThrownBy(() -> PlanFile.parse(root, "edited.json"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("edited.json: step 3: the SQL of the batch is not what its statement renders");
    }

    @Test
    void aBackfillWhoseNextKeyOrRemainingSqlWasEditedIsRefused() throws IOException {
        ObjectNode root = golden("merge_table/mariadb-10.11");
        backfill(root).put("next_key_sql", backfill(root).path("next_key_sql").asText().replace("LIMIT", "OFFSET 0 LIMIT"));
        assertThatThrownBy(() -> PlanFile.parse(root, "edited.json"))
                .hasMessageContaining("the SQL of next_key is not what its statement renders");
        ObjectNode again = golden("move_columns/postgresql-15");
        backfill(again).put("verify_sql", "SELECT 0");
        assertThatThrownBy(() -> PlanFile.parse(again, "edited.json"))
                .hasMessageContaining("the SQL of remaining is not what its statement renders");
    }

    @Test
    void aNextKeyOverAnotherTableOrAKeyColumnThatIsNotTheBatchsIsRefused() throws IOException {
        ObjectNode root = golden("rename_column/mariadb-10.11");
        ObjectNode step = backfill(root);
        ((ObjectNode) step.path("next_key")).put("table", "accounts");
        step.put("next_key_sql", step.path("next_key_sql").asText().replace("FROM users", "FROM accounts"));
        assertThatThrownBy(() -> PlanFile.parse(root, "edited.json"))
                .hasMessageContaining("the next-key query ranges over accounts.id, the batch over users.id");
        ObjectNode other = golden("rename_column/mariadb-10.11");
        backfill(other).put("key_column", "email");
        assertThatThrownBy(() -> PlanFile.parse(other, "edited.json"))
                .hasMessageContaining("\"key_column\" \"email\" is not the key the batch ranges over (id)");
    }

    @Test
    void aBackfillFromBeforeItsStatementsWereDataIsRefusedWithAdvice() throws IOException {
        for (String field : List.of("statements", "next_key", "remaining")) {
            ObjectNode root = golden("split_table/postgresql-15");
            backfill(root).remove(field);
            assertThatThrownBy(() -> PlanFile.parse(root, "old.json")).as(field)
                    .isInstanceOf(StrategistException.class)
                    .hasMessageContaining("old.json: step 3: a backfill step needs")
                    .hasMessageContaining("plan again");
        }
        ObjectNode root = golden("split_table/postgresql-15");
        ((ObjectNode) backfill(root).path("next_key")).put("kind", "count_rows");
        assertThatThrownBy(() -> PlanFile.parse(root, "odd.json")).hasMessageContaining("next_key is not a known"
                + " backfill statement");
    }
}
