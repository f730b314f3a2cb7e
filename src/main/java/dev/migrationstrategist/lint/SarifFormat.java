package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SARIF 2.1.0 (the format GitHub code scanning and other CI annotators read): one run; the tool's rules, each with
 * its short and full description, its help (the rule's docs page, as text and Markdown), an absolute {@code helpUri}
 * and its default level; one result per finding with its file and position and a {@code partialFingerprints} entry
 * that identifies it across edits that move it (a hash of rule id, file and normalised statement).
 */
public final class SarifFormat implements LintFormat {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where the rule pages are published: the repository's docs/rules folder. */
    public static final String DEFAULT_DOCS_URL =
            "https://github.com/migration-strategist/migration-strategist/blob/main/docs/rules/";
    /** The partialFingerprints key: versioned, so a change of what is hashed never matches old fingerprints. */
    public static final String FINGERPRINT = "migrationStrategist/statement/v1";
    private static final String PAGES = "/dev/migrationstrategist/rules/";

    private final String docsUrl;

    public SarifFormat() {
        this(DEFAULT_DOCS_URL);
    }

    /** @param docsUrl absolute URL of the folder holding {@code <rule-id>.md} */
    public SarifFormat(String docsUrl) {
        this.docsUrl = docsUrl(docsUrl);
    }

    /** Checks that the docs URL is absolute (SARIF's helpUri must be) and ends with '/'. */
    static String docsUrl(String url) {
        String u = url == null ? "" : url.trim();
        try {
            URI uri = new URI(u);
            if (!uri.isAbsolute() || uri.getScheme() == null || uri.getRawSchemeSpecificPart().isEmpty()) {
                throw StrategistException.invalid("--docs-url " + url + ": expected an absolute URL such as "
                        + DEFAULT_DOCS_URL);
            }
        } catch (URISyntaxException e) {
            throw StrategistException.invalid("--docs-url " + url + ": not a URL (" + e.getReason() + ")");
        }
        return u.endsWith("/") ? u : u + "/";
    }

    @Override
    public String render(LintResult result) {
        Map<String, String> summaries = summaries();
        List<String> ids = new ArrayList<>(summaries.keySet());
        Map<String, Severity> levels = defaultLevels();
        List<Object> rules = new ArrayList<>();
        for (String id : ids) {
            String page = page(id);
            String url = docsUrl + id + ".md";
            String full = page == null ? summaries.get(id) : firstParagraph(page, summaries.get(id));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("name", camel(id));
            r.put("shortDescription", Map.of("text", summaries.get(id)));
            r.put("fullDescription", Map.of("text", full));
            r.put("helpUri", url);
            Map<String, Object> help = new LinkedHashMap<>();
            help.put("text", full + " Documentation: " + url);
            help.put("markdown", page != null ? page : "**" + id + "**: " + summaries.get(id) + "\n\n[Documentation]("
                    + url + ")");
            r.put("help", help);
            r.put("defaultConfiguration", Map.of("level", level(levels.getOrDefault(id, Severity.WARNING))));
            rules.add(r);
        }
        List<Object> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
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
            r.put("level", level(f.severity()));
            r.put("message", Map.of("text", f.message()
                    + (f.impact().lock() == null ? "" : " Lock: " + f.impact().describe() + ".")
                    + " Instead: " + f.safeAlternative()
                    + (f.planCommand() == null ? "" : " Full plan: " + f.planCommand())));
            r.put("locations", List.of(Map.of("physicalLocation", physical)));
            String key = fingerprint(f, 0);
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            r.put("partialFingerprints", Map.of(FINGERPRINT, occurrence == 0 ? key : fingerprint(f, occurrence)));
            results.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "migration-strategist");
        driver.put("version", version());
        driver.put("informationUri", "https://github.com/migration-strategist/migration-strategist");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.write(root);
    }

    /**
     * SHA-256 of the rule id, the file and the normalised statement (for a file-level finding, its message), and
     * for the n-th repeat of the same statement in the file, n: no line or column, so moving the statement keeps it.
     */
    static String fingerprint(LintFinding f, int occurrence) {
        String what = f.normalised().isEmpty() ? f.message() : f.normalised();
        String text = f.rule() + "\0" + f.file() + "\0" + what + (occurrence == 0 ? "" : "\0" + occurrence);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Every rule id with its one-sentence summary: statement rules, change rules, file-level findings. */
    static Map<String, String> summaries() {
        Map<String, String> out = new LinkedHashMap<>();
        StatementRule.all().forEach(r -> out.put(r.id(), r.summary()));
        ChangeRules.ids().forEach(id -> out.put(id, id.replace('-', ' ') + " (a guardrail rule of strategist plan)"));
        out.putAll(new java.util.TreeMap<>(MetaRules.SUMMARIES));
        return out;
    }

    /** The severity each rule's page gives ("- Severity: error"), else warning. */
    private static Map<String, Severity> defaultLevels() {
        Map<String, Severity> out = new HashMap<>();
        for (String id : summaries().keySet()) {
            String page = page(id);
            if (page == null) {
                continue;
            }
            for (String line : page.lines().limit(12).toList()) {
                String l = line.strip().toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("- severity:")) {
                    String v = l.substring("- severity:".length()).strip();
                    out.put(id, v.startsWith("error") ? Severity.ERROR : v.startsWith("note") || v.startsWith("info")
                            ? Severity.INFO : Severity.WARNING);
                }
            }
        }
        return out;
    }

    /** The rule's docs page (docs/rules/ID.md, packaged with the tool), or null. */
    static String page(String id) {
        try (InputStream in = SarifFormat.class.getResourceAsStream(PAGES + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The page's first prose paragraph (after the title and the list of facts), as plain text. */
    static String firstParagraph(String page, String fallback) {
        StringBuilder sb = new StringBuilder();
        for (String line : page.lines().toList()) {
            String l = line.strip();
            boolean prose = !l.isEmpty() && !l.startsWith("#") && !l.startsWith("-") && !l.startsWith("```")
                    && !l.startsWith("|");
            if (prose) {
                sb.append(sb.isEmpty() ? "" : " ").append(l);
            } else if (!sb.isEmpty()) {
                break;
            }
        }
        return sb.isEmpty() ? fallback : sb.toString().replace("`", "");
    }

    /** {@code vacuum-full} → {@code VacuumFull} (SARIF's rule name: an identifier-like label). */
    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
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
