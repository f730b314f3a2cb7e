package dev.migrationstrategist.lint;

import java.util.Map;

/**
 * Findings about the migration files themselves rather than a statement: they have ids and docs pages like rules,
 * but no rule class judges a statement for them.
 */
public final class MetaRules {
    public static final String PARSE_ERROR = "parse-error";
    public static final String UNUSED_IGNORE = "unused-ignore";
    public static final String IGNORE_WITHOUT_REASON = "ignore-without-reason";
    public static final String UNRECOGNISED_STATEMENT = "unrecognised-statement";

    /** id → one-sentence summary. */
    public static final Map<String, String> SUMMARIES = Map.of(
            PARSE_ERROR, "the file cannot be read as SQL (unterminated string, comment or body; unbalanced parentheses)",
            UNUSED_IGNORE, "a strategist:ignore comment that suppresses nothing",
            IGNORE_WITHOUT_REASON, "a strategist:ignore comment without a reason (it suppresses nothing)",
            UNRECOGNISED_STATEMENT, "a statement no rule understands, so nothing about it was checked (an error with"
                    + " --strict)");

    private MetaRules() {
    }
}
