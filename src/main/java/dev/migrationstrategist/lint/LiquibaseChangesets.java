package dev.migrationstrategist.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changesets a Liquibase formatted-SQL file declares ({@code --changeset author:id ...} lines after the
 * {@code --liquibase formatted sql} header), to match them with the rows of {@code DATABASECHANGELOG}.
 */
public final class LiquibaseChangesets {
    private static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+([^:\\s]+):(\\S+).*", Pattern.CASE_INSENSITIVE);

    /** One changeset: author and id as written. */
    public record Changeset(String author, String id) {
    }

    private LiquibaseChangesets() {
    }

    /** The file's changesets, in order; empty when it is not a Liquibase formatted-SQL file or cannot be read. */
    public static List<Changeset> of(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first >= lines.size() || !HEADER.matcher(lines.get(first).replace("\uFEFF", "")).matches()) {
            return List.of();
        }
        List<Changeset> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CHANGESET.matcher(line);
            if (m.matches()) {
                out.add(new Changeset(m.group(1), m.group(2)));
            }
        }
        return out;
    }
}
