package dev.migrationstrategist.catalog;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.guard.Rule;
import dev.migrationstrategist.lint.StatementRule;
import dev.migrationstrategist.input.PhraseReader;
import dev.migrationstrategist.lint.MetaRules;
import dev.migrationstrategist.strategy.ChangeStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One catalog test: the permits clauses of {@link Change}, {@link Rule} and {@link StatementRule} are the only
 * lists, and every unit they name must have everything else a kind or a rule needs. A kind: its strategy class
 * {@code <Kind>Strategy}, its JSON name, golden cases under {@code golden/<kind>/}, an execution test against a
 * real server that names it, a phrase form in {@link PhraseReader#GRAMMAR}, a representative case and a README
 * catalog row. A rule: {@code docs/rules/<id>.md} with a bad and a good example.
 */
class ChangeCatalogTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path RULE_DOCS = Path.of("docs/rules");
    private static final Path MAIN = Path.of("src/main/java");

    /**
     * Kinds with no execution test naming them against a server of this family, each with the reason. Listed, not
     * hidden: the test fails when a gap is closed (remove it here) and when a new kind comes without one.
     */
    private static final Map<String, Map<String, String>> KNOWN_EXECUTION_GAPS = Map.of(
            "mariadb", Map.of("rename_enum_value", "MariaDB has no enum types and refuses the kind: an ENUM"
                    + " column's value is renamed by changing the column's type (executed as change_column_type)",
                    "add_domain_check", "MariaDB has no domains (no CREATE DOMAIN) and refuses the kind: a rule on a"
                    + " column is a table CHECK (executed as add_check)",
                    "drop_domain_check", "MariaDB has no domains (no CREATE DOMAIN) and refuses the kind"));

    static List<Class<?>> kinds() {
        return Arrays.asList(Change.class.getPermittedSubclasses());
    }

    @Test
    void everyKindHasItsStrategyClass() {
        for (Class<?> kind : kinds()) {
            String name = "dev.migrationstrategist.strategy." + kind.getSimpleName() + "Strategy";
            Class<?> strategy;
            try {
                strategy = Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(kind.getSimpleName() + " has no strategy class " + name, e);
            }
            assertThat(ChangeStrategy.class).as(name).isAssignableFrom(strategy);
        }
    }

    @Test
    void everyKindHasAUniqueSnakeCaseJsonName() {
        List<String> names = Change.kinds();
        assertThat(names).hasSameSizeAs(kinds()).doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(name).matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
        }
        for (Class<?> kind : kinds()) {
            String camel = Arrays.stream(Change.kindOf(kind).split("_"))
                    .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).reduce("", String::concat);
            assertThat(camel).as("the JSON name of %s reads back as its class name", kind).isEqualTo(kind.getSimpleName());
        }
    }

    @Test
    void everyKindHasGoldenCasesInTheFolderOfItsJsonNameAndEveryFolderIsAKind() throws IOException {
        for (String kind : Change.kinds()) {
            Path dir = GOLDEN.resolve(kind);
            assertThat(dir).as("golden folder of " + kind).isDirectory();
            try (Stream<Path> walk = Files.walk(dir)) {
                assertThat(walk.filter(p -> Files.isRegularFile(p.resolve("args"))
                        || Files.isRegularFile(p.resolve("case.properties"))).count())
                        .as("golden cases of " + kind).isPositive();
            }
        }
        try (Stream<Path> list = Files.list(GOLDEN)) {
            for (Path dir : list.filter(Files::isDirectory).toList()) {
                assertThat(Change.kinds()).as("golden folder " + dir.getFileName() + " is a kind's JSON name")
                        .contains(dir.getFileName().toString());
            }
        }
    }

    @Test
    void everyKindHasAnExecutionTestOnPostgresAndOnMariaDbThatNamesIt() throws Exception {
        Map<String, Set<String>> covered = executionTestsByFamily();
        for (String family : List.of("postgres", "mariadb")) {
            Set<String> missing = new TreeSet<>();
            for (String kind : Change.kinds()) {
                if (!covered.getOrDefault(family, Set.of()).contains(kind)) {
                    missing.add(kind);
                }
            }
            assertThat(missing).as("kinds without an execution test tagged %s whose class or method name names the"
                    + " kind (e.g. addCheckReachesStateBAndRollsBack)", family)
                    .isEqualTo(KNOWN_EXECUTION_GAPS.getOrDefault(family, Map.of()).keySet());
        }
    }

    @Test
    void everyKindHasAPhraseForm() {
        Map<String, String> formOf = new LinkedHashMap<>();
        for (String form : PhraseReader.GRAMMAR) {
            String kind = kindOfForm(form);
            if (kind != null) {
                formOf.putIfAbsent(kind, form);
            }
        }
        for (String kind : Change.kinds()) {
            assertThat(formOf).as("a phrase form in PhraseReader.GRAMMAR for " + kind + " (forms: "
                    + PhraseReader.GRAMMAR + ")").containsKey(kind);
        }
    }

    @Test
    void everyKindHasARepresentativeCaseAndAReadmeCatalogRow() throws IOException {
        String block = ReadmeCatalog.currentBlock(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        for (String kind : Change.kinds()) {
            assertThat(ReadmeCatalog.caseFile(kind)).as("representative case of " + kind).isRegularFile();
            assertThat(block).as("README catalog row of " + kind).contains("\n| `" + kind + "`: ");
        }
    }

    @Test
    void everyRuleHasItsDocsPageWithABadAndAGoodExample() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Class<?> rule : Rule.class.getPermittedSubclasses()) {
            ids.add(Rule.idOf(rule));
        }
        StatementRule.all().forEach(r -> ids.add(r.id()));
        for (String id : ids) {
            Path page = RULE_DOCS.resolve(id + ".md");
            assertThat(page).as("docs page of rule " + id).isRegularFile();
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(text).as(page.toString()).startsWith("# " + id + "\n");
            int bad = text.indexOf("\n## Bad\n");
            int good = text.indexOf("\n## Good\n");
            assertThat(bad).as(page + " has a ## Bad section").isPositive();
            assertThat(good).as(page + " has a ## Good section after ## Bad").isGreaterThan(bad);
            assertThat(text.substring(bad, good)).as(page + " bad example").contains("```sql");
            assertThat(text.substring(good)).as(page + " good example").contains("```sql");
        }
    }

    @Test
    void everyFindingIdSrcMainCanEmitHasItsDocsPageAndNoPageIsOrphaned() throws IOException {
        Map<String, String> literal = FindingIds.literalIdsWithSeverity(MAIN);
        assertThat(literal).as("ids passed as a literal to new Finding(...) under " + MAIN).isNotEmpty();
        Set<String> ids = new TreeSet<>(literal.keySet());
        for (Class<?> rule : Rule.class.getPermittedSubclasses()) {
            ids.add(Rule.idOf(rule));
        }
        StatementRule.all().forEach(r -> ids.add(r.id()));
        ids.addAll(MetaRules.SUMMARIES.keySet());
        for (String id : ids) {
            Path page = RULE_DOCS.resolve(id + ".md");
            assertThat(page).as("docs page of finding " + id).isRegularFile();
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(text).as(page.toString()).startsWith("# " + id + "\n").contains("\n- Applies to: ");
            assertThat(headings(text)).as(page + " top-level headings").containsExactly("# " + id, "## Bad", "## Good");
            int bad = text.indexOf("\n## Bad\n");
            int good = text.indexOf("\n## Good\n");
            assertThat(text.substring(bad, good)).as(page + " bad example").contains("```");
            assertThat(text.substring(good)).as(page + " good example").contains("```");
            if (literal.containsKey(id)) {
                assertThat(text).as(page + " states the severity the code gives")
                        .contains("\n- Severity: " + literal.get(id) + "\n");
            }
        }
        try (Stream<Path> pages = Files.list(RULE_DOCS)) {
            List<String> orphans = pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).filter(n -> !ids.contains(n)).toList();
            assertThat(orphans).as("docs/rules pages whose id src/main never emits").isEmpty();
        }
    }

    /** The Markdown headings of a page, outside fenced code blocks. */
    private static List<String> headings(String text) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /**
     * The kind a grammar form reads as: a sample phrase made from the form (placeholders filled in, optional parts
     * left out) read by the phrase reader; a form whose sample the reader refuses counts for the kind whose words
     * all appear in the form.
     */
    static String kindOfForm(String form) {
        String sample = form.replaceAll("\\[[^\\]]*\\]", " ")
                .replace("(COLUMN TYPE, ...)", "(c bigint)").replace("(COLUMN, ...)", "(c)")
                .replace("COLUMN, ...", "c").replace("(EXPRESSION)", "(c > 0)")
                .replace("TABLE.COLUMN", "t.c").replace("NEW_NAME", "n").replace("NEW_TABLE", "n")
                .replace("EXPRESSION", "0").replace("TYPE", "bigint").replace("TABLE", "t").replace("COLUMN", "c")
                .replace("NAME", "x").replaceAll("\\s+", " ").trim();
        try {
            return new PhraseReader(Dialects.parse("postgresql:15")).read(sample).change().kind();
        } catch (RuntimeException unreadable) {
            Set<String> words = new HashSet<>(Arrays.asList(form.toLowerCase(Locale.ROOT).split("[^a-z]+")));
            return Change.kinds().stream().filter(k -> words.containsAll(Arrays.asList(k.split("_"))))
                    .findFirst().orElse(null);
        }
    }

    /** family ("postgres", "mariadb") → kinds named by a test class or test method tagged with it. */
    private static Map<String, Set<String>> executionTestsByFamily() throws IOException, ClassNotFoundException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(TESTS)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String name = TESTS.relativize(source).toString().replace(".java", "").replace('/', '.');
            Class<?> type = Class.forName(name);
            Set<String> tags = new HashSet<>();
            for (Tag tag : type.getAnnotationsByType(Tag.class)) {
                tags.add(tag.value());
            }
            tags.retainAll(Set.of("postgres", "mariadb"));
            if (tags.isEmpty() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(type.getSimpleName()));
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)) {
                        names.add(m.getName());
                    }
                }
            }
            for (String kind : Change.kinds()) {
                String squashed = kind.replace("_", "");
                if (names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(squashed))) {
                    tags.forEach(t -> out.computeIfAbsent(t, k -> new TreeSet<>()).add(kind));
                }
            }
        }
        return out;
    }
}
