package dev.migrationstrategist.lint;

import dev.migrationstrategist.lint.StatementRule;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SARIF 2.1.0 (the format GitHub code scanning and other CI annotators read): one run, the tool's rules with their
 * docs page, one result per finding with its file and position.
 */
public final class SarifFormat implements LintFormat {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where the rule pages live, relative to the repository root. */
    public static final String DOCS = "docs/rules/";

    @Override
    public String render(LintResult result) {
        Map<String, String> summaries = summaries();
        List<String> ids = new ArrayList<>(summaries.keySet());
        List<Object> rules = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("shortDescription", Map.of("text", summaries.get(id)));
            r.put("helpUri", DOCS + id + ".md");
            rules.add(r);
        }
        List<Object> results = new ArrayList<>();
        for (LintFinding f : result.findings()) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(f.file())));
            physical.put("region", region);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", f.rule());
            int index = ids.indexOf(f.rule());
            if (index >= 0) {
                r.put("ruleIndex", index);
            }
            r.put("level", switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "note";
            });
            r.put("message", Map.of("text", f.message()
                    + (f.impact().lock() == null ? "" : " Lock: " + f.impact().describe() + ".")
                    + " Instead: " + f.safeAlternative()
                    + (f.planCommand() == null ? "" : " Full plan: " + f.planCommand())));
            r.put("locations", List.of(Map.of("physicalLocation", physical)));
            results.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "migration-strategist");
        driver.put("version", version());
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.write(root);
    }

    /** Every rule id with its one-sentence summary: statement rules, change rules, file-level findings. */
    static Map<String, String> summaries() {
        Map<String, String> out = new LinkedHashMap<>();
        StatementRule.all().forEach(r -> out.put(r.id(), r.summary()));
        ChangeRules.ids().forEach(id -> out.put(id, id.replace('-', ' ') + " (a guardrail rule of strategist plan)"));
        out.putAll(new java.util.TreeMap<>(MetaRules.SUMMARIES));
        return out;
    }

    /** A file name as an RFC 3986 URI reference: spaces, '%' and other reserved characters percent-encoded. */
    static String uri(String file) {
        try {
            return new java.net.URI(null, null, file, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("cannot express " + file + " as a URI", e);
        }
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = SarifFormat.class.getResourceAsStream("/dev/migrationstrategist/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
