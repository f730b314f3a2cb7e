package dev.migrationstrategist.api;

import dev.migrationstrategist.rehearsal.RehearsalReport;
import dev.migrationstrategist.rehearsal.RehearsalResult;

import java.nio.file.Path;
import java.util.List;

/** What a rehearsal found: the result, its text, and both report files. */
public final class RehearseOutcome {
    private final RehearsalResult result;
    private final RehearsalReport report;

    RehearseOutcome(RehearsalResult result) {
        this.result = result;
        this.report = new RehearsalReport(result);
    }

    public RehearsalResult result() {
        return result;
    }

    /** Every invariant of the plan side holds. */
    public boolean passed() {
        return result.passed();
    }

    /** 0 every invariant holds, 1 one is broken. */
    public int exitCode() {
        return result.exitCode();
    }

    /** The tables and the verdict, for a terminal. */
    public String text() {
        return report.text();
    }

    /** Writes the Markdown and JSON rehearsal reports into {@code directory}; returns their paths. */
    public List<Path> write(Path directory) {
        return report.write(directory);
    }
}
