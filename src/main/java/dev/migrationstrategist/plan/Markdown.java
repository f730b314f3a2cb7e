package dev.migrationstrategist.plan;

/** Markdown helpers for the text that steps carry (bullets, actions). */
public final class Markdown {
    private Markdown() {
    }

    /**
     * A code span that survives backticks inside (MySQL quotes identifiers with them): the fence is one backtick
     * longer than the longest run inside, padded with spaces.
     */
    public static String code(String text) {
        if (!text.contains("`")) {
            return "`" + text + "`";
        }
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        return ticks + " " + text + " " + ticks;
    }
}
