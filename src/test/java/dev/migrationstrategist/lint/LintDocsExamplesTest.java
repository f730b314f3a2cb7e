package dev.migrationstrategist.lint;

import dev.migrationstrategist.lint.StatementRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in docs/rules/*.md are test inputs: every Bad block raises its rule, every Good block is clean. */
class LintDocsExamplesTest {
    private static final Path DOCS = Path.of("docs/rules");
    private static final Pattern BLOCK = Pattern.compile("```sql (\\S+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    record Example(String rule, boolean bad, String dialect, String sql, int index) {
    }

    @Test
    void everyStatementRuleAndFileLevelFindingHasItsPageWithBadAndGoodExamples() throws IOException {
        List<String> ids = new ArrayList<>(StatementRule.all().stream().map(StatementRule::id).toList());
        ids.addAll(MetaRules.SUMMARIES.keySet());
        for (String id : ids) {
            Path page = DOCS.resolve(id + ".md");
            assertThat(page).as("docs page of rule " + id).exists();
            List<Example> examples = examples(page);
            assertThat(examples).as(id + " bad examples").anyMatch(Example::bad);
            assertThat(examples).as(id + " good examples").anyMatch(e -> !e.bad());
        }
    }

    @Test
    void statementRulesCoverBothDialectFamiliesWhereTheyApply() throws IOException {
        for (String id : List.of("truncate-table", "missing-lock-timeout", "serial-primary-key-on-existing-table")) {
            List<Example> examples = examples(DOCS.resolve(id + ".md"));
            assertThat(examples).as(id).anyMatch(e -> e.bad() && e.dialect().startsWith("postgresql"));
            assertThat(examples).as(id).anyMatch(e -> e.bad() && !e.dialect().startsWith("postgresql"));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocsExampleLintsAsDocumented() throws IOException {
        List<Example> all = new ArrayList<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                all.addAll(examples(page));
            }
        }
        assertThat(all).hasSizeGreaterThan(20);
        return all.stream().map(e -> DynamicTest.dynamicTest(
                e.rule() + (e.bad() ? " bad #" : " good #") + e.index() + " (" + e.dialect() + ")", () -> {
                    Path dir = Files.createTempDirectory(tmp, "ex");
                    LintResult result = LintRun.sql(dir, e.dialect(), e.sql());
                    if (e.bad()) {
                        assertThat(LintRun.rules(result)).as(e.sql()).contains(e.rule());
                    } else {
                        assertThat(result.findings()).as(e.sql()).isEmpty();
                    }
                }));
    }

    static List<Example> examples(Path page) throws IOException {
        String rule = page.getFileName().toString().replace(".md", "");
        String text = Files.readString(page);
        int good = text.indexOf("## Good");
        int bad = text.indexOf("## Bad");
        List<Example> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int n = 0;
        while (m.find()) {
            if (m.start() < bad) {
                continue;
            }
            out.add(new Example(rule, good < 0 || m.start() < good, m.group(1), m.group(2), ++n));
        }
        return out;
    }
}
