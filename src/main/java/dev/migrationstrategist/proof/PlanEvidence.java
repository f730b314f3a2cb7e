package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan file says it was made from, read back from its JSON: the dialect, the options, the State A objects
 * it touches with the fingerprint recorded at planning, the definitions of the tables it creates, and (as JSON text)
 * its changes and steps. Enough to plan the changes again ({@link Rederivation}) and to compare State A with a live
 * database.
 *
 * @param fingerprint the fingerprint the file records (see {@link #computedFingerprint()} for what it should be)
 */
public record PlanEvidence(Dialect dialect, PlanOptions options, Schema stateA, List<Table> createdTables,
                           String fingerprint, String changesJson, String stepsJson) {
    public PlanEvidence {
        createdTables = List.copyOf(createdTables);
    }

    /** The evidence of a plan file, or null when it has no {@code state_a} (written before plans carried one). */
    public static PlanEvidence read(JsonNode root, String source) {
        JsonNode state = root.get("state_a");
        if (state == null) {
            return null;
        }
        String where = source + ": state_a";
        try {
            PlanOptions options = options(root.path("options"));
            Dialect dialect = Dialects.parse(root.path("dialect").path("name").asText() + ":"
                    + root.path("dialect").path("version").asText());
            if (options.target() != null) {
                dialect = dialect.forTarget(options.target().database());
            }
            List<Table> created = new ArrayList<>();
            root.path("created_tables").forEach(t -> created.add(CanonicalState.table(t, source + ": created_tables")));
            return new PlanEvidence(dialect, options, CanonicalState.schema(state, where),
                    created, state.path("fingerprint").asText(), CanonicalState.text(root.path("changes")),
                    CanonicalState.text(root.path("steps")));
        } catch (StrategistException e) {
            throw e.getMessage().startsWith(source) ? e : StrategistException.invalid(source + ": " + e.getMessage());
        }
    }

    /** The fingerprint of this file's dialect, options and State A, as planning would record it. */
    public String computedFingerprint() {
        return Fingerprint.of(dialect, options, stateA);
    }

    private static PlanOptions options(JsonNode o) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("rows").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rows.put(e.getKey(), e.getValue().asLong());
        }
        String app = o.path("app_version").asText();
        return new PlanOptions(o.path("batch_size").asInt(), SyncMode.parse(o.path("sync").asText()),
                Duration.ofMillis(o.path("lock_timeout_ms").asLong()), o.path("large_table_rows").asLong(), rows,
                app.startsWith("v") ? app.substring(1) : app, target(o.path("target")));
    }

    private static LiveTarget target(JsonNode t) {
        return t.isObject() ? new LiveTarget(t.path("host").asText(), t.path("port").asInt(),
                t.path("database").asText()) : null;
    }
}
