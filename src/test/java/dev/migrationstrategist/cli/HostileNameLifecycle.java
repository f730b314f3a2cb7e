package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a hostile-name plan's database steps as written: expand, writes through the old name, one backfill batch,
 * contract; then checks the table survived with its data under the new name.
 */
final class HostileNameLifecycle {
    private HostileNameLifecycle() {
    }

    static void run(TestDatabase db, HostileNames names, JsonNode plan) {
        db.execute(names.schemaDdl().trim().replaceAll(";$", ""));
        db.execute("INSERT INTO users (id, " + names.quoted() + ") VALUES (1, 'before the expand')");
        JsonNode steps = plan.path("steps");
        db.execute(strings(steps.get(0).path("sql")));
        db.execute("INSERT INTO users (id, " + names.quoted() + ") VALUES (2, 'old app after the expand')");

        JsonNode backfill = steps.get(2);
        String batch = backfill.path("sql").get(0).asText().replace(":last_id", "0").replace(":next_id", "100");
        db.execute(batch);
        assertThat(db.count(backfill.path("verify_sql").asText())).isZero();

        db.execute(strings(steps.get(steps.size() - 1).path("sql")));
        assertThat(db.columns("users")).containsExactly("id", "safe_name");
        assertThat(db.column("SELECT safe_name FROM users ORDER BY id"))
                .containsExactly("before the expand", "old app after the expand");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
