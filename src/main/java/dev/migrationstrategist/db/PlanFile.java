package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetLockTimeout;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.input.Inputs;
import dev.migrationstrategist.plan.AppReleaseStep;
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
        String text = Inputs.readSetting(path, "plan");
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (Exception e) {
            throw StrategistException.invalidSetting("plan", " " + path + ": not JSON (" + Database.firstLine(e.getMessage())
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
        Dialect dialect = dialect(root, source);
        List<Step> steps = new ArrayList<>();
        int expected = 1;
        for (JsonNode n : stepsNode) {
            String where = source + ": step " + expected;
            if (n.path("number").asInt() != expected) {
                throw StrategistException.invalid(where + ": numbered " + n.path("number") + ", expected " + expected);
            }
            steps.add(step(n, where, dialect));
            expected++;
        }
        return new PlanFile(hash(stepsNode), root.path("dialect").path("name").asText(),
                root.path("dialect").path("version").asText(), steps, PlanEvidence.read(root, source));
    }

    private static Dialect dialect(JsonNode root, String source) {
        String spec = root.path("dialect").path("name").asText() + ":" + root.path("dialect").path("version").asText();
        try {
            return Dialects.parse(spec);
        } catch (StrategistException e) {
            throw StrategistException.invalid(source + ": dialect " + spec + " is not known (" + e.getMessage() + ")");
        }
    }

    /**
     * The statements of a step (or of its rollback) as data, each rendered again by the plan's dialect: the text the
     * file shows must be the text that runs, so a file whose {@code sql} was edited by hand is refused.
     */
    private static List<Rendered> statements(JsonNode n, String where, Dialect dialect) {
        List<String> sql = strings(n.path("sql"));
        JsonNode data = n.path("statements");
        if (!data.isArray() || data.size() != sql.size()) {
            throw StrategistException.invalid(where + ": \"statements\" must hold one entry per \"sql\" statement"
                    + " (a plan written by an older version of the tool, or edited by hand): plan again");
        }
        List<Rendered> out = new ArrayList<>();
        for (int i = 0; i < sql.size(); i++) {
            Statement statement;
            try {
                statement = JsonReport.statement(data.get(i));
            } catch (Exception e) {
                throw StrategistException.invalid(where + ": statement " + (i + 1) + " is not a known statement ("
                        + Database.firstLine(e.getMessage()) + ")");
            }
            String rendered;
            try {
                rendered = dialect.render(statement);
            } catch (IllegalArgumentException e) {
                throw StrategistException.invalid(where + ": statement " + (i + 1) + ": " + e.getMessage());
            }
            if (!rendered.equals(sql.get(i))) {
                throw StrategistException.invalid(where + ": sql " + (i + 1) + " is not what its statement renders"
                        + " (edited by hand?): the file says `" + CatalogProbe.firstLine(sql.get(i)) + "`, the statement"
                        + " runs `" + CatalogProbe.firstLine(rendered) + "`; plan again instead of editing SQL");
            }
            out.add(new Rendered(statement, rendered));
        }
        return out;
    }

    private static Step step(JsonNode n, String where, Dialect dialect) {
        Phase phase = Phase.fromJsonName(n.path("phase").asText())
                .orElseThrow(() -> StrategistException.invalid(where + ": unknown phase " + n.path("phase")));
        int number = n.path("number").asInt();
        String title = text(n, "title");
        Rollback rollback = rollback(n.path("rollback"), where + " rollback", dialect);
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
        if (phase.isBackfill()) {
            return BackfillFile.step(n, where, dialect, number, title, bullets, actions, rollback, phase);
        }
        List<Rendered> statements = statements(n, where, dialect);
        boolean blocking = statements.stream().anyMatch(r -> r.statement() instanceof SetLockTimeout);
        return new SchemaStep(number, phase, title, text(n, "action"), text(n, "target_table"), text(n, "details"),
                bullets, statements, text(n, "lock"), blocking, n.path("transactional").asBoolean(true), actions, null,
                rollback, text(n, "verify_sql"));
    }

    private static Rollback rollback(JsonNode r, String where, Dialect dialect) {
        if (r.isMissingNode() || !r.has("note")) {
            throw StrategistException.invalid(where + ": needs a \"note\"");
        }
        return new Rollback(r.has("sql") ? statements(r, where, dialect) : List.of(), r.path("note").asText(), text(r, "safe_because"),
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
