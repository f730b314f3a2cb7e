package dev.migrationstrategist.api;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of the README compiles exactly as written (imports included), against the library's classes and
 * their dependencies (the test class path), with javac's warnings as they come. A block is a whole compilation unit:
 * its public class gives the file name.
 */
class ReadmeExamplesCompileTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

    static List<String> javaBlocks(Path markdown) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(markdown));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws Exception {
        List<String> blocks = javaBlocks(Path.of("README.md"));
        assertThat(blocks).as("the README's Java examples").hasSizeGreaterThanOrEqualTo(2);
        Path dir = Files.createTempDirectory("readme-examples");
        List<Path> sources = new ArrayList<>();
        for (String block : blocks) {
            Matcher name = CLASS.matcher(block);
            assertThat(name.find()).as("a README Java block declares a public class:\n" + block).isTrue();
            assertThat(block).as("a README Java block has its imports").contains("import dev.migrationstrategist.");
            Path file = dir.resolve(name.group(1) + ".java");
            Files.writeString(file, block, StandardCharsets.UTF_8);
            sources.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (the tests need javac)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            Path out = Files.createDirectories(dir.resolve("classes"));
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                            "-Xlint:all", "-proc:none"),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> problems = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
                    .map(d -> d.getKind() + " " + d.getSource().getName() + ":" + d.getLineNumber() + ": "
                            + d.getMessage(null)).toList();
            assertThat(problems).as("javac on the README's examples").isEmpty();
            assertThat(ok).isTrue();
            assertThat(out.resolve("PlanExample.class")).exists();
            assertThat(out.resolve("OperateExample.class")).exists();
        }
    }
}
