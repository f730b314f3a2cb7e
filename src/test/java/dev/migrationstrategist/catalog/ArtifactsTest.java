package dev.migrationstrategist.catalog;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two jars rest on. The library jar (the main artifact) bundles nothing and its POM makes the CLI's own
 * dependencies optional, so a library user gets no picocli, no progress bar and no logging binding; only {@code cli}
 * uses them. JSqlParser's compile-scope JMH is excluded (the whole suite runs without it, so nothing needs it). The
 * CLI jar relocates every bundled dependency but JLine (see the POM).
 */
class ArtifactsTest {
    /** Third-party packages only the command line may use, and the optional dependencies that bring them. */
    static final Map<String, String> CLI_ONLY = Map.of(
            "picocli", "info.picocli:picocli",
            "me.tongfei.progressbar", "me.tongfei:progressbar",
            "org.jline", "me.tongfei:progressbar");

    @Test
    void onlyTheCliUsesTheCliDependencies() throws IOException {
        Path root = Path.of("src/main/java/dev/migrationstrategist");
        Map<String, TreeSet<String>> wrong = new TreeMap<>();
        Pattern use = Pattern.compile("\\b(picocli|me\\.tongfei\\.progressbar|org\\.jline|org\\.openjdk\\.jmh"
                + "|org\\.apache\\.commons\\.math3|org\\.slf4j)\\.");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString();
                Matcher m = use.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    boolean cliOnly = CLI_ONLY.containsKey(used);
                    if (!cliOnly || !pkg.equals("cli")) {
                        wrong.computeIfAbsent(pkg + " -> " + used, k -> new TreeSet<>()).add(f.getFileName().toString());
                    }
                }
            }
        }
        assertThat(wrong).as("uses of CLI-only, excluded or logging packages outside cli").isEmpty();
    }

    @Test
    void thePomMakesTheCliDependenciesOptionalExcludesJmhAndRelocatesTheBundledOnes() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Map<String, Element> dependencies = new TreeMap<>();
        NodeList deps = ((Element) pom.getElementsByTagName("dependencies").item(0)).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (d.getParentNode().getNodeName().equals("dependencies")) {
                dependencies.put(text(d, "groupId") + ":" + text(d, "artifactId"), d);
            }
        }
        for (String cli : List.of("info.picocli:picocli", "me.tongfei:progressbar", "org.slf4j:slf4j-nop")) {
            assertThat(text(dependencies.get(cli), "optional")).as(cli + " optional").isEqualTo("true");
        }
        assertThat(dependencies.get("com.github.jsqlparser:jsqlparser").getElementsByTagName("exclusion").getLength())
                .isPositive();
        assertThat(text((Element) dependencies.get("com.github.jsqlparser:jsqlparser")
                .getElementsByTagName("exclusion").item(0), "artifactId")).isEqualTo("jmh-core");
        List<String> relocated = new ArrayList<>();
        NodeList patterns = pom.getElementsByTagName("relocation");
        for (int i = 0; i < patterns.getLength(); i++) {
            relocated.add(text((Element) patterns.item(i), "pattern"));
        }
        assertThat(relocated).contains("com.fasterxml.jackson", "org.yaml.snakeyaml", "net.sf.jsqlparser", "picocli",
                "me.tongfei.progressbar", "org.slf4j", "org.postgresql", "org.mariadb.jdbc", "com.networknt",
                "com.ethlo");
        NodeList shade = pom.getElementsByTagName("shadedClassifierName");
        assertThat(shade.getLength()).isEqualTo(1);
        assertThat(shade.item(0).getTextContent().trim()).isEqualTo("cli");
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }
}
