package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;

import java.util.Objects;

/**
 * One lint finding, with everything a reviewer needs: which rule, how bad, where, the statement, what it does to
 * the live table (lock, what it blocks, rewrite or scan) and what to write instead.
 *
 * @param statement   the statement's first line (empty for file-level findings)
 * @param planCommand the {@code strategist plan} command that produces the full expand/contract plan, or null
 * @param normalised  the whole statement with comments left out and whitespace and keyword case normalised
 *                    ({@link SqlStatement#normalised()}), what identifies the finding across edits that move it (SARIF
 *                    partialFingerprints); for file-level findings the statement's first line
 */
public record LintFinding(String rule, Severity severity, String file, int line, int column, String statement,
                          String message, Impact impact, String safeAlternative, String planCommand,
                          String normalised) {
    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(impact, "impact");
        statement = statement == null ? "" : statement;
        normalised = normalised == null ? statement : normalised;
        if (safeAlternative == null || safeAlternative.isBlank()) {
            throw new IllegalArgumentException("finding " + rule + " needs a safe alternative");
        }
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("finding " + rule + " needs a line and column from 1");
        }
    }

    public LintFinding(String rule, Severity severity, String file, int line, int column, String statement,
                       String message, Impact impact, String safeAlternative, String planCommand) {
        this(rule, severity, file, line, column, statement, message, impact, safeAlternative, planCommand, null);
    }

    public LintFinding withSeverity(Severity s) {
        return new LintFinding(rule, s, file, line, column, statement, message, impact, safeAlternative, planCommand,
                normalised);
    }

    public String location() {
        return file + ":" + line + ":" + column;
    }
}
