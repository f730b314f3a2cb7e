package dev.migrationstrategist.catalog;

import org.junit.jupiter.api.Test;

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
 * The packages form layers without a cycle: each imports only packages of a lower layer (the order of the README's
 * layout table). Read from the sources' fully qualified names, so a new package must be placed here on purpose.
 */
class PackageLayersTest {
    /** Bottom to top; a package may use any package before it in this list. */
    static final List<String> LAYERS = List.of("secrets", "error", "schema", "statement", "dialect", "finding",
            "change", "plan", "strategy", "guard", "planner", "input", "lint", "proof", "report", "rederive", "db",
            "embedded", "rehearsal", "api", "cli");
    private static final Pattern USE = Pattern.compile("dev\\.migrationstrategist\\.(\\w+)\\.[A-Z]");

    @Test
    void everyPackageImportsOnlyLowerLayers() throws IOException {
        Path root = Path.of("src/main/java/dev/migrationstrategist");
        Map<String, TreeSet<String>> wrong = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString();
                int layer = LAYERS.indexOf(pkg);
                if (layer < 0) {
                    unknown.add(pkg);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && LAYERS.indexOf(used) > layer) {
                        wrong.computeIfAbsent(pkg + " -> " + used, k -> new TreeSet<>())
                                .add(f.getFileName().toString());
                    }
                }
            }
        }
        assertThat(unknown).as("packages not placed in LAYERS").isEmpty();
        assertThat(wrong).as("imports of a higher layer (a cycle in the making)").isEmpty();
    }

    /**
     * The CLI talks to the library facade only: besides {@code api} it may name the exceptions it turns into exit
     * codes ({@code error}: what the facade throws) and the masking of the passwords on its own command line
     * ({@code secrets}). Everything else (plans, statements, the executor, lint) reaches it through {@code api}.
     */
    static final List<String> CLI_MAY_USE = List.of("api", "error", "secrets");
    @Test
    void theCliUsesOnlyTheFacade() throws IOException {
        Path root = Path.of("src/main/java/dev/migrationstrategist/cli");
        Map<String, TreeSet<String>> wrong = new TreeMap<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals("cli") && !CLI_MAY_USE.contains(used)) {
                        wrong.computeIfAbsent("cli -> " + used, k -> new TreeSet<>()).add(f.getFileName().toString());
                    }
                }
            }
        }
        assertThat(wrong).as("the CLI reaching past the facade").isEmpty();
    }
}
