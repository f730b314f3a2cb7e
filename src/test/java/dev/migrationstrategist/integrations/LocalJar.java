package dev.migrationstrategist.integrations;

import dev.migrationstrategist.cli.Main;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The jars the integrations run, made from this build's classes (the tests run before {@code mvn package}):
 * a CLI jar that {@code java -jar} starts (its manifest's Class-Path names target/classes and the test class path,
 * so it runs the same code as the released jar) and the library jar the Maven plugin depends on.
 */
final class LocalJar {
    static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();

    private LocalJar() {
    }

    /** A jar {@code java -jar} runs as {@code strategist}. */
    static Path cli(Path dir) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> urls = new ArrayList<>();
        urls.add(CLASSES.toUri().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path jar = dir.resolve("migration-strategist-cli.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    /** The library jar: target/classes as {@code mvn package} puts them in the main artifact. */
    static Path library(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m);
             Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new ZipEntry(CLASSES.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    /** This build's version (target/classes/dev/migrationstrategist/version.properties). */
    static String version() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(CLASSES.resolve("dev/migrationstrategist/version.properties"))) {
            p.load(in);
        }
        return p.getProperty("version");
    }
}
