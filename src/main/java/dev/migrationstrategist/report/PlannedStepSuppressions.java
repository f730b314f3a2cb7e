package dev.migrationstrategist.report;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.lint.LintConfig;
import dev.migrationstrategist.lint.LintFinding;
import dev.migrationstrategist.lint.Linter;
import dev.migrationstrategist.lint.MigrationFile;
import dev.migrationstrategist.lint.Suppression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An exported migration that runs a step the plan placed after its application releases (the contract), annotated
 * for {@code strategist lint}: lint reads a file alone and cannot know that the releases before it stopped every use
 * of what the step drops, so each statement lint would flag gets a {@code -- strategist:ignore <rules> <reason>} line
 * naming the step and the release. The findings are lint's own, on the file's exact text: nothing is suppressed that
 * lint would not report, and a statement of any other kind stays judged.
 */
final class PlannedStepSuppressions {
    private PlannedStepSuppressions() {
    }

    /** {@code sql} with an ignore line above each statement lint flags, giving {@code reason}. */
    static String annotate(String sql, String fileName, Dialect dialect, String reason) {
        TreeMap<Integer, TreeSet<String>> rulesByLine = new TreeMap<>();
        for (LintFinding f : findings(sql, fileName, dialect)) {
            if (f.severity() != Severity.INFO && f.line() > 0) {
                rulesByLine.computeIfAbsent(f.line(), l -> new TreeSet<>()).add(f.rule());
            }
        }
        if (rulesByLine.isEmpty()) {
            return sql;
        }
        List<String> lines = new ArrayList<>(sql.lines().toList());
        for (int line : rulesByLine.descendingKeySet()) {
            lines.add(line - 1, "-- " + Suppression.MARKER + " " + String.join(",", rulesByLine.get(line)) + " "
                    + reason);
        }
        return String.join("\n", lines) + (sql.endsWith("\n") ? "\n" : "");
    }

    private static List<LintFinding> findings(String sql, String fileName, Dialect dialect) {
        try {
            Path dir = Files.createTempDirectory("strategist-export-lint");
            Path file = dir.resolve(fileName);
            try {
                Files.writeString(file, sql, StandardCharsets.UTF_8);
                return new Linter(dialect, LintConfig.defaults()).lint(List.of(MigrationFile.of(file, fileName)))
                        .findings();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lint the exported migration " + fileName, e);
        }
    }
}
