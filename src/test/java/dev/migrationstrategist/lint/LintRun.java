package dev.migrationstrategist.lint;

import dev.migrationstrategist.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: writes migration files into a directory and lints them like the CLI does. */
final class LintRun {
    private final Path dir;

    LintRun(Path dir) {
        this.dir = dir;
    }

    LintRun file(String name, String sql) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    LintResult lint(String dialect) {
        return lint(dialect, LintConfig.defaults());
    }

    LintResult lint(String dialect, LintConfig config) {
        return new Linter(Dialects.parse(dialect), config)
                .lint(MigrationFiles.collect(List.of(dir), config.exclude(), dir));
    }

    /** Lints with the files the scope names as new (paths relative to the directory). */
    LintResult lintNew(String dialect, String... newFiles) {
        java.util.Set<Path> news = new java.util.HashSet<>();
        for (String f : newFiles) {
            news.add(dir.resolve(f));
        }
        return new Linter(Dialects.parse(dialect), LintConfig.defaults())
                .lint(MigrationFiles.collect(List.of(dir), List.of(), dir), RunScope.newOnly(news, true));
    }

    Path dir() {
        return dir;
    }

    /** Lints one SQL text as a plain file. */
    static LintResult sql(Path dir, String dialect, String sql) {
        return new LintRun(dir).file("migration.sql", sql).lint(dialect);
    }

    static List<String> rules(LintResult result) {
        return result.findings().stream().map(LintFinding::rule).toList();
    }
}
