package dev.migrationstrategist.cli;

import picocli.CommandLine.Help.Ansi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours for a terminal, through picocli's ANSI support: on when stdout is a terminal, off when it is piped or
 * redirected, when {@code NO_COLOR} is set, or with {@code -Dpicocli.ansi=false} (picocli's own rules).
 */
final class Colors {
    private static final Pattern STATUS = Pattern.compile(
            "^(\\s+\\d+\\s+\\S+\\s+)(done|passed|failed|running|rolled_back|pending)\\b", Pattern.MULTILINE);

    private Colors() {
    }

    /** The status report with each step's status coloured (done green, failed red, rolled back yellow). */
    static String status(String text) {
        if (!Ansi.AUTO.enabled()) {
            return text;
        }
        Matcher m = STATUS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String colour = switch (m.group(2)) {
                case "done", "passed" -> "green";
                case "failed" -> "red";
                case "rolled_back", "running" -> "yellow";
                default -> "faint";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)
                    + Ansi.AUTO.string("@|" + colour + " " + m.group(2) + "|@")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
