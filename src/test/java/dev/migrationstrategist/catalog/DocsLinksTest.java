package dev.migrationstrategist.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the README and the docs point to is in the repository: every relative link of README.md, docs/*.md and
 * docs/rules/*.md resolves to a file or folder (anchors are not checked), and no page names a document that only
 * lived outside the repository (SPEC.md, STYLE.md, LOCKS.md, ARCHITECTURE.md in capitals).
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern OUTSIDE = Pattern.compile("\\b(SPEC|STYLE|LOCKS|ARCHITECTURE|USERS)\\.md\\b");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.startsWith(Path.of("docs", "database-report")))
                    .sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkResolvesToAFileInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // http(s), mailto: not ours to check; an anchor in the same page
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = page.toAbsolutePath().getParent().resolve(file).normalize();
                checked++;
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target);
                }
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(20);
        assertThat(broken).as("links to files that are not in the repository").isEmpty();
    }

    @Test
    void noPageNamesADocumentThatIsNotInTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = OUTSIDE.matcher(Files.readString(page));
            while (m.find()) {
                found.add(page + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }
}
