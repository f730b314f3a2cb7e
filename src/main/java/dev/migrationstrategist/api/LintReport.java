package dev.migrationstrategist.api;

import dev.migrationstrategist.lint.LintFinding;
import dev.migrationstrategist.lint.LintFormat;
import dev.migrationstrategist.lint.LintResult;

import java.util.List;

/** What {@link Lint#run()} found, with its rendering in the chosen format. */
public final class LintReport {
    private final LintResult result;
    private final LintFormat format;

    LintReport(LintResult result, LintFormat format) {
        this.result = result;
        this.format = format;
    }

    public List<LintFinding> findings() {
        return result.findings();
    }

    public int files() {
        return result.files();
    }

    public int statements() {
        return result.statements();
    }

    /** True when a finding has error severity (a build should fail). */
    public boolean hasErrors() {
        return result.hasErrors();
    }

    /** 0 clean (warnings allowed), 1 a finding at error severity. */
    public int exitCode() {
        return result.exitCode();
    }

    /** The findings in the format chosen with {@link Lint#format}. */
    public String text() {
        return format.render(result);
    }

    /** The findings in {@code format}: {@code text}, {@code json}, {@code sarif} or {@code github}. */
    public String render(String formatName) {
        return LintFormat.parse(formatName).render(result);
    }

    public LintResult result() {
        return result;
    }
}
