package dev.migrationstrategist.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.migrationstrategist.finding.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The four output formats: SARIF against (a subset of) the 2.1.0 schema, GitHub workflow commands, JSON, text. */
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
    void sarifIsValidAgainstTheSarif210SchemaSubset() throws Exception {
        JsonNode sarif = MAPPER.readTree(new SarifFormat().render(result));
        assertThat(validate(sarif)).isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("migration-strategist");
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules.findValuesAsText("id")).contains("vacuum-full", "rename-column-in-use", "parse-error");
        rules.forEach(r -> assertThat(r.get("helpUri").asText()).isEqualTo("docs/rules/" + r.get("id").asText() + ".md"));
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("level").asText()).isIn("none", "note", "warning", "error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("V1__a,%20b%25c.sql");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rules.get(first.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(first.get("ruleId").asText());
        assertThat(run.get("results")).hasSize(result.findings().size());
    }

    @Test
    void theSchemaSubsetRejectsWhatSarifForbids() throws Exception {
        ObjectNode sarif = (ObjectNode) MAPPER.readTree(new SarifFormat().render(result));
        ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
        ((ObjectNode) sarif.at("/runs/0/results/1/locations/0/physicalLocation/region")).put("startLine", 0);
        ((ObjectNode) sarif.at("/runs/0/results/2/locations/0/physicalLocation/artifactLocation")).put("uri", "a b.sql");
        sarif.put("version", "2.0.0");
        assertThat(validate(sarif)).hasSize(4);
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

    private static Set<ValidationMessage> validate(JsonNode sarif) throws Exception {
        try (InputStream in = OutputFormatsTest.class.getResourceAsStream("/sarif/sarif-2.1.0-subset.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            return schema.validate(sarif);
        }
    }
}
