package dev.migrationstrategist.lint;

import java.util.List;

/**
 * An inline {@code -- strategist:ignore <rule-id>[,<rule-id>...] <reason>} comment; it applies to the statement that
 * starts right below it (the comment lines directly above a statement). A reason is required.
 */
public record Suppression(int line, int column, List<String> rules, String reason) {
    public static final String MARKER = "strategist:ignore";

    /** Parses a comment's text, or returns null when it is not an ignore comment. */
    public static Suppression parse(Comment c) {
        if (!c.text().startsWith(MARKER)) {
            return null;
        }
        String rest = c.text().substring(MARKER.length()).strip();
        String[] parts = rest.split("\\s+", 2);
        List<String> rules = parts[0].isEmpty() ? List.of() : List.of(parts[0].split(","));
        String reason = parts.length > 1 ? parts[1].strip() : "";
        return new Suppression(c.line(), 1, rules, reason);
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
