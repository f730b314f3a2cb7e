package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.plan.PlanOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lint settings, from {@code .strategist.yaml} or defaults.
 *
 * @param dialect        NAME[:VERSION] from the file, or null (the command line wins)
 * @param disabled       rule ids switched off
 * @param severities     rule id → severity override
 * @param largeTableRows tables with a known row count below this are not flagged for locks and rewrites
 * @param rows           known row counts by table (lower case)
 * @param exclude        globs of paths not to lint
 */
public record LintConfig(String dialect, List<String> disabled, Map<String, Severity> severities, long largeTableRows,
                         Map<String, Long> rows, List<String> exclude) {
    public static final String FILE_NAME = ".strategist.yaml";

    public LintConfig {
        disabled = List.copyOf(disabled);
        severities = Map.copyOf(severities);
        rows = Map.copyOf(rows);
        exclude = List.copyOf(exclude);
    }

    public static LintConfig defaults() {
        return new LintConfig(null, List.of(), Map.of(), PlanOptions.DEFAULT_LARGE_TABLE_ROWS, Map.of(), List.of());
    }

    /** The same configuration with row counts from a live database added; counts in the file win. */
    public LintConfig withLiveRows(Map<String, Long> live) {
        Map<String, Long> merged = new java.util.HashMap<>(live);
        merged.putAll(rows);
        return new LintConfig(dialect, disabled, severities, largeTableRows, merged, exclude);
    }

    /** --strict: a statement no rule understands fails the run (its note becomes an error). */
    public LintConfig strict() {
        Map<String, Severity> s = new java.util.HashMap<>(severities);
        s.putIfAbsent(MetaRules.UNRECOGNISED_STATEMENT, Severity.ERROR);
        return new LintConfig(dialect, disabled, s, largeTableRows, rows, exclude);
    }

    public boolean enabled(String rule) {
        return !disabled.contains(rule);
    }

    public Optional<Severity> severity(String rule) {
        return Optional.ofNullable(severities.get(rule));
    }
}
