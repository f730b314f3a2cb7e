package dev.migrationstrategist.embedded;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader of the embedding library and its dependencies, apart from this tool's own classes (the CLI jar
 * relocates its copies of the JDBC drivers and slf4j, so the library gets its own, by their original names).
 */
final class IsolatedJars {
    private IsolatedJars() {
    }

    static URLClassLoader load(ArtifactCache cache, List<MavenArtifact> jars) {
        List<URL> urls = new ArrayList<>();
        for (MavenArtifact a : jars) {
            Path p = cache.resolve(a);
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader("strategist-embedded", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }
}
