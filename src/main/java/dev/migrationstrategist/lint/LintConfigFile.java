package dev.migrationstrategist.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.finding.Severity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .strategist.yaml}. Only loaded when such a file exists, so a plain lint run never loads Jackson.
 * <pre>
 * dialect: postgresql:15
 * large_table_rows: 1000000
 * tables: {users: 20000000, settings: 40}
 * exclude: ["db/legacy/**"]
 * rules:
 *   missing-lock-timeout: off
 *   truncate-table: warning
 * </pre>
 */
public final class LintConfigFile {
    private static final Set<String> KEYS = Set.of("dialect", "large_table_rows", "tables", "exclude", "rules");

    private LintConfigFile() {
    }

    /** @param knownRules every rule id lint knows; an unknown id is a configuration error */
    public static LintConfig read(Path file, Set<String> knownRules) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw StrategistException.invalid(file + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return LintConfig.defaults();
        }
        if (!root.isObject()) {
            throw StrategistException.invalid(file + ": expected a mapping with " + KEYS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw StrategistException.invalid(file + ": unknown key '" + key + "' (expected " + KEYS + ")");
            }
        }
        String dialect = root.hasNonNull("dialect") ? root.get("dialect").asText() : null;
        long large = LintConfig.defaults().largeTableRows();
        if (root.has("large_table_rows")) {
            JsonNode n = root.get("large_table_rows");
            if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
                throw StrategistException.invalid(file + ": large_table_rows must be a whole number of rows >= 0");
            }
            large = n.asLong();
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        if (root.has("tables")) {
            JsonNode t = root.get("tables");
            if (!t.isObject()) {
                throw StrategistException.invalid(file + ": tables must map table names to row counts");
            }
            t.fields().forEachRemaining(e -> {
                if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                    throw StrategistException.invalid(file + ": tables." + e.getKey() + " must be a row count >= 0");
                }
                rows.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asLong());
            });
        }
        List<String> exclude = new ArrayList<>();
        if (root.has("exclude")) {
            JsonNode x = root.get("exclude");
            if (!x.isArray()) {
                throw StrategistException.invalid(file + ": exclude must be a list of globs");
            }
            x.forEach(g -> exclude.add(g.asText()));
        }
        List<String> disabled = new ArrayList<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        if (root.has("rules")) {
            JsonNode r = root.get("rules");
            if (!r.isObject()) {
                throw StrategistException.invalid(file + ": rules must map rule ids to on, off, error, warning or info");
            }
            r.fields().forEachRemaining(e -> {
                String id = e.getKey();
                if (!knownRules.contains(id)) {
                    throw StrategistException.invalid(file + ": rules." + id + ": unknown rule (known: "
                            + String.join(", ", new java.util.TreeSet<>(knownRules)) + ")");
                }
                JsonNode v = e.getValue();
                String value = v.isBoolean() ? (v.asBoolean() ? "on" : "off") : v.asText().toLowerCase(Locale.ROOT);
                switch (value) {
                    case "off", "false", "no" -> disabled.add(id);
                    case "on", "true", "yes" -> { }
                    case "error", "warning", "info" -> severities.put(id, Severity.valueOf(value.toUpperCase(Locale.ROOT)));
                    default -> throw StrategistException.invalid(file + ": rules." + id + ": '" + v.asText()
                            + "' (expected on, off, error, warning or info)");
                }
            });
        }
        return new LintConfig(dialect, disabled, severities, large, rows, exclude);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
