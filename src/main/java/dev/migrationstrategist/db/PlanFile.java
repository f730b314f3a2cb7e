package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.input.Inputs;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.proof.PlanEvidence;
import dev.migrationstrategist.report.JsonReport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A plan as {@code strategist plan} wrote it (migration-strategist-output.json), read back into the same
 * {@link Step} records the reports rendered, so {@code apply} runs exactly what was reviewed.
 *
 * @param id          a stable hash of the steps: the same plan file always has the same id
 * @param dialectName postgresql, mysql or mariadb, as planned
 * @param evidence    what the plan says it was made from (state_a, options, changes), for apply's checks; null for
 *                    a file written before plans carried their State A
 */
public record PlanFile(String id, String dialectName, String dialectVersion, List<Step> steps,
                       PlanEvidence evidence) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static PlanFile read(Path path) {
        String text = Inputs.readFile(path, "--plan");
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (Exception e) {
            throw StrategistException.invalid("--plan " + path + ": not JSON (" + Database.firstLine(e.getMessage())
                    + ")");
        }
        return parse(root, path.toString());
    }

    public static PlanFile parse(JsonNode root, String source) {
        if (root == null || !JsonReport.SKILL.equals(root.path("skill").asText())) {
            throw StrategistException.invalid(source + ": not a Migration Strategist plan (\"skill\" is not \""
                    + JsonReport.SKILL + "\")");
        }
        if (root.path("format_version").asInt(-1) != JsonReport.FORMAT_VERSION) {
            throw StrategistException.invalid(source + ": format_version " + root.path("format_version")
                    + " is not supported (expected " + JsonReport.FORMAT_VERSION + ")");
        }
        List<String> problems = dev.migrationstrategist.report.PlanSchema.problems(root);
        if (!problems.isEmpty()) {
            throw StrategistException.invalid(source + ": does not match the plan schema (" + problems.size()
                    + " problem" + (problems.size() == 1 ? "" : "s") + "; first: " + problems.get(0) + ")");
        }
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw StrategistException.invalid(source + ": the plan has no steps");
        }
        List<Step> steps = new ArrayList<>();
        int expected = 1;
        for (JsonNode n : stepsNode) {
            String where = source + ": step " + expected;
            if (n.path("number").asInt() != expected) {
                throw StrategistException.invalid(where + ": numbered " + n.path("number") + ", expected " + expected);
            }
            steps.add(step(n, where));
            expected++;
        }
        return new PlanFile(hash(stepsNode), root.path("dialect").path("name").asText(),
                root.path("dialect").path("version").asText(), steps, PlanEvidence.read(root, source));
    }

    private static Step step(JsonNode n, String where) {
        Phase phase = Phase.fromJsonName(n.path("phase").asText())
                .orElseThrow(() -> StrategistException.invalid(where + ": unknown phase " + n.path("phase")));
        int number = n.path("number").asInt();
        String title = text(n, "title");
        Rollback rollback = rollback(n.path("rollback"), where);
        List<String> bullets = strings(n.path("description"));
        List<String> actions = strings(n.path("actions"));
        if (phase.isAppRelease()) {
            return new AppReleaseStep(number, phase, title, text(n, "action"), text(n, "app_version"), bullets,
                    strings(n.path("reads")), strings(n.path("writes")), actions, rollback);
        }
        List<String> sql = strings(n.path("sql"));
        if (sql.isEmpty()) {
            throw StrategistException.invalid(where + ": a " + phase.jsonName() + " step needs \"sql\"");
        }
        if (phase == Phase.BACKFILL) {
            String key = text(n, "key_column");
            if (key == null) {
                throw StrategistException.invalid(where + ": a backfill step needs \"key_column\"");
            }
            return new BackfillStep(number, title, text(n, "target_table"), text(n, "details"), bullets,
                    n.path("query").asText(sql.get(0)), sql.get(0), text(n, "next_key_sql"), text(n, "verify_sql"), key,
                    n.path("batch_size").asInt(10_000), actions, null, rollback);
        }
        boolean blocking = sql.get(0).startsWith("SET lock_timeout") || sql.get(0).startsWith("SET SESSION lock_wait_timeout");
        return new SchemaStep(number, phase, title, text(n, "action"), text(n, "target_table"), text(n, "details"),
                bullets, sql, text(n, "lock"), blocking, n.path("transactional").asBoolean(true), actions, null,
                rollback, text(n, "verify_sql"));
    }

    private static Rollback rollback(JsonNode r, String where) {
        if (r.isMissingNode() || !r.has("note")) {
            throw StrategistException.invalid(where + ": needs a \"rollback\" with a \"note\"");
        }
        return new Rollback(strings(r.path("sql")), r.path("note").asText(), text(r, "safe_because"),
                r.path("irreversible").asBoolean(false));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static String hash(JsonNode steps) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(MAPPER.writeValueAsString(steps).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
