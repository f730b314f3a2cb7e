package dev.migrationstrategist.integrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real git repository shaped like a service's: Flyway migrations under src/main/resources/db/migration, a base
 * commit (what main holds) and commits on top (a pull request's).
 */
final class GitFixture {
    static final Path FIXTURES = Path.of("src/test/resources/integrations").toAbsolutePath();
    static final String MIGRATIONS = "src/main/resources/db/migration";
    static final Map<String, String> GIT_ENV = Map.of("GIT_AUTHOR_NAME", "Dev", "GIT_AUTHOR_EMAIL", "dev@example.com",
            "GIT_COMMITTER_NAME", "Dev", "GIT_COMMITTER_EMAIL", "dev@example.com", "GIT_CONFIG_NOSYSTEM", "1",
            "HOME", System.getProperty("java.io.tmpdir"));

    final Path root;

    GitFixture(Path root) throws Exception {
        this.root = root;
        git("init", "-q", "-b", "main");
        MavenPluginTest.copyTree(FIXTURES.resolve("maven-project/src"), root.resolve("src"));
        commit("V1-V3: users table, its name index, email");
    }

    /** Copies a fixture file (relative to src/test/resources/integrations) into the migration folder. */
    Path add(String fixture) throws IOException {
        Path from = FIXTURES.resolve(fixture);
        Path to = root.resolve(MIGRATIONS).resolve(from.getFileName().toString());
        Files.copy(from, to);
        return to;
    }

    String commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").out().strip();
    }

    Shell.Result git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Shell.Result r = Shell.run(root, GIT_ENV, 60, command);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }
}
