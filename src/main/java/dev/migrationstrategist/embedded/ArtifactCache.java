package dev.migrationstrategist.embedded;

import dev.migrationstrategist.error.StrategistException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the jars of an embedded server at run time, so the CLI jar bundles none of them (the server binaries are
 * tens of MB each): first in the local Maven repository ({@code -Dmaven.repo.local} or {@code ~/.m2/repository},
 * where a Maven build or the tests put them), then in this tool's cache ({@code STRATEGIST_CACHE} or
 * {@code ~/.cache/migration-strategist}), else downloaded from the remote repository into that cache, checked
 * against the repository's SHA-1, with progress lines. The remote is {@code STRATEGIST_MAVEN_REPOSITORY} if set,
 * else Maven Central.
 */
public final class ArtifactCache {
    /** Maven Central, as Maven itself names it. */
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final long STEP = 8L << 20;

    private final Path localRepository;
    private final Path cache;
    private final URI remote;
    private final Consumer<String> progress;

    ArtifactCache(Path localRepository, Path cache, URI remote, Consumer<String> progress) {
        this.localRepository = localRepository;
        this.cache = cache;
        this.remote = remote;
        this.progress = progress;
    }

    /** The local repository, cache and remote of this machine and user (see the class comment). */
    public static ArtifactCache standard(Consumer<String> progress) {
        Path home = Path.of(System.getProperty("user.home"));
        String repo = System.getProperty("maven.repo.local");
        String cacheDir = System.getenv("STRATEGIST_CACHE");
        String remote = System.getenv("STRATEGIST_MAVEN_REPOSITORY");
        return new ArtifactCache(repo != null ? Path.of(repo) : home.resolve(".m2").resolve("repository"),
                (cacheDir != null ? Path.of(cacheDir) : home.resolve(".cache").resolve("migration-strategist"))
                        .resolve("maven"),
                URI.create(remote == null || remote.isBlank() ? CENTRAL : remote.endsWith("/") ? remote : remote + "/"),
                progress);
    }

    Path cache() {
        return cache;
    }

    /** The jar, from the local repository or the cache, downloading it into the cache if neither has it. */
    Path resolve(MavenArtifact a) {
        return local(a).orElseGet(() -> download(a));
    }

    /** The jar if the local repository or the cache has it; nothing is downloaded. */
    Optional<Path> local(MavenArtifact a) {
        for (Path root : new Path[] {localRepository, cache}) {
            Path p = root.resolve(a.path());
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Path download(MavenArtifact a) {
        URI uri = remote.resolve(a.path());
        Path target = cache.resolve(a.path());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(target.getParent());
            String expected = sha1(http, uri);
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw StrategistException.invalid("embedded server: " + a + " not found at " + uri + " (HTTP "
                        + r.statusCode() + ")");
            }
            long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress.accept("downloading " + a + (size > 0 ? " (" + mb(size) + ")" : "") + " into " + cache);
            Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                long next = STEP;
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    digest.update(buf, 0, n);
                    done += n;
                    if (done >= next) {
                        progress.accept("  " + a.artifact() + ": " + mb(done) + (size > 0 ? " of " + mb(size) : ""));
                        next += STEP;
                    }
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expected != null && !expected.equals(actual)) {
                Files.deleteIfExists(part);
                throw StrategistException.invalid("embedded server: " + a + " from " + uri
                        + " does not match its SHA-1 (" + actual + ", expected " + expected + ")");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw StrategistException.invalid("embedded server: " + a + " is neither in " + localRepository
                    + " nor in " + cache + ", and downloading it from " + uri + " failed (offline?): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StrategistException.invalid("embedded server: download of " + a + " interrupted");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's SHA-1 of the jar; null when it has none. */
    private static String sha1(HttpClient http, URI jar) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(jar + ".sha1"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().isBlank()) {
            return null;
        }
        return r.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
