package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * What a lint run found, over how many files and statements. Exit code 1 when any finding is an error.
 *
 * @param files   the files linted
 * @param history the files read as history (already applied: they build State A and are not judged)
 */
public record LintResult(List<LintFinding> findings, int files, int statements, int history) {
    public LintResult {
        findings = List.copyOf(findings);
    }

    public LintResult(List<LintFinding> findings, int files, int statements) {
        this(findings, files, statements, 0);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** How many statements no rule understood (unrecognised-statement findings, whatever their severity). */
    public long unrecognised() {
        return findings.stream().filter(f -> f.rule().equals(MetaRules.UNRECOGNISED_STATEMENT)).count();
    }

    public int exitCode() {
        return hasErrors() ? 1 : 0;
    }
}
