package dev.migrationstrategist.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finding ids written as literals in the sources: the first argument of every {@code new Finding(...)}, read
 * from the text. A first argument that is neither a literal nor a rule's own {@code id()} fails the scan, so an id
 * cannot hide behind a constant.
 */
final class FindingIds {
    private static final Pattern CALL = Pattern.compile("new\\s+Finding\\s*\\(\\s*([^,]+?)\\s*,\\s*([^,]+?)\\s*,");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9-]+)\"");
    private static final Pattern SEVERITY = Pattern.compile("Severity\\.(\\w+)");
    /** First arguments that are not ids: a Rule's own id, and the record copying its own field in Finding.at. */
    private static final List<String> DELEGATING = List.of("id()", "rule");

    private FindingIds() {
    }

    /** id → the severity it is emitted with, in lower case ("warning"). */
    static Map<String, String> literalIdsWithSeverity(Path sources) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher call = CALL.matcher(text);
            while (call.find()) {
                Matcher literal = LITERAL.matcher(call.group(1));
                Matcher severity = SEVERITY.matcher(call.group(2));
                if (literal.matches() && severity.matches()) {
                    out.put(literal.group(1), severity.group(1).toLowerCase(Locale.ROOT));
                } else if (!DELEGATING.contains(call.group(1))) {
                    unreadable.add(file + ": new Finding(" + call.group(1) + ", ...)");
                }
            }
            assertThat(countCalls(text)).as(file + ": every new Finding( is read by the scan")
                    .isEqualTo(countMatches(CALL, text));
        }
        assertThat(unreadable).as("findings whose id is not a literal with a Severity constant, nor id()").isEmpty();
        return out;
    }

    private static int countCalls(String text) {
        return countMatches(Pattern.compile("new\\s+Finding\\s*\\("), text);
    }

    private static int countMatches(Pattern pattern, String text) {
        int n = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
