package dev.migrationstrategist.integrations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-commit hook (integrations/pre-commit/strategist-lint-staged.sh) in a real git repository: installed as
 * .git/hooks/pre-commit, {@code git commit} is refused on an unsafe staged migration and accepted on a safe one;
 * called as the pre-commit framework calls it (the staged files as arguments, options as single words).
 */
class PreCommitHookTest {
    static final Path HOOK = Path.of("integrations/pre-commit/strategist-lint-staged.sh").toAbsolutePath();

    @TempDir
    static Path jars;
    static Path jar;

    @TempDir
    Path repo;

    @BeforeAll
    static void jar() throws Exception {
        jar = LocalJar.cli(jars);
    }

    @Test
    void gitCommitIsRefusedOnAnUnsafeStagedMigration() throws Exception {
        GitFixture git = gitWithHook();
        git.add("unsafe/V4__index_users_email.sql");
        git.git("add", "-A");

        Shell.Result r = commit(git, "index users.email");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.all()).contains(GitFixture.MIGRATIONS + "/V4__index_users_email.sql:1:1: error "
                + "[create-index-blocks-writes]");
        assertThat(r.err()).contains("strategist-lint: commit refused");
        assertThat(git.git("log", "--oneline").out().lines()).hasSize(1);
    }

    @Test
    void gitCommitIsAcceptedOnASafeMigrationAndTheUnsafeHistoryIsNotJudged() throws Exception {
        GitFixture git = new GitFixture(repo);
        git.add("unsafe/V4__index_users_email.sql");
        git.commit("an index main already has (committed before the hook)");
        installHook(git);
        git.add("safe/V5__add_users_phone.sql");
        git.git("add", "-A");

        Shell.Result r = commit(git, "users.phone");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(git.git("log", "--oneline").out().lines()).hasSize(3);
    }

    @Test
    void whatIsLintedIsTheStagedContentNotTheWorkingTree() throws Exception {
        GitFixture git = gitWithHook();
        Path v4 = git.add("unsafe/V4__index_users_email.sql");
        git.git("add", "-A");
        // fixed in the working tree but not staged: the commit would still hold the unsafe statement
        Files.writeString(v4, "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");

        Shell.Result refused = commit(git, "index users.email");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.all()).contains("[create-index-blocks-writes]");

        Files.writeString(v4.resolveSibling("V4__index_users_email.sql.conf"), "executeInTransaction=false\n");
        git.git("add", "-A");
        Shell.Result accepted = commit(git, "index users.email, concurrently");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    }

    @Test
    void nothingStagedButOtherFilesCommitsWithoutRunningLint() throws Exception {
        GitFixture git = gitWithHook();
        Files.writeString(repo.resolve("README.md"), "# shop\n");
        git.git("add", "-A");

        Shell.Result r = commit(git, "readme", Map.of("STRATEGIST_JAR", repo.resolve("no-such.jar").toString()));

        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void asThePreCommitFrameworkCallsItWithFilesAndOptionArguments() throws Exception {
        GitFixture git = new GitFixture(repo);
        git.add("unsafe/V4__index_users_email.sql");
        Files.writeString(git.root.resolve("src/main/resources/db/migration/V4__index_users_email.sql"),
                "ALTER TABLE users ADD COLUMN tier int;\n", StandardOpenOption.APPEND);
        git.git("add", "-A");
        Map<String, String> env = env(Map.of("PRE_COMMIT", "1"));

        Shell.Result r = Shell.run(repo, env, 120, List.of("bash", HOOK.toString(), "--dialect=mysql:8.0",
                "--format=json", GitFixture.MIGRATIONS + "/V4__index_users_email.sql"));

        // MySQL 8.0 builds a secondary index in place, writes go on; the ADD COLUMN is instant: nothing at error
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"file\"").doesNotContain("create-index-blocks-writes");

        Shell.Result pg = Shell.run(repo, env, 120, List.of("bash", HOOK.toString(), "--dialect=postgresql:15",
                GitFixture.MIGRATIONS + "/V4__index_users_email.sql"));
        assertThat(pg.exitCode()).as(pg.toString()).isEqualTo(1);
    }

    /**
     * The pre-commit tool itself, when it is installed (Debian's package pre-commit; PyPI is not reachable from
     * here): {@code pre-commit try-repo} takes the hook from this repository's .pre-commit-hooks.yaml, as a team's
     * .pre-commit-config.yaml would, and runs it on the staged files. Aborted (shown as skipped) without the tool.
     */
    @Test
    void thePreCommitToolRunsTheHookDeclaredInThisRepository() throws Exception {
        Shell.Result which = Shell.bash(repo, Map.of(), 30, "command -v pre-commit");
        org.junit.jupiter.api.Assumptions.assumeTrue(which.exitCode() == 0, "pre-commit is not installed");
        GitFixture git = new GitFixture(repo);
        git.add("unsafe/V4__index_users_email.sql");
        git.git("add", "-A");
        Path home = Files.createDirectories(repo.resolve(".pre-commit-home"));
        Files.writeString(repo.resolve(".git/info/exclude"), ".pre-commit-home/\n", StandardOpenOption.APPEND);
        Map<String, String> env = env(Map.of("PRE_COMMIT_HOME", home.toString()));
        env.remove("STRATEGIST_LINT_ARGS");
        List<String> tryRepo = List.of("pre-commit", "try-repo", Path.of("").toAbsolutePath().toString(),
                "strategist-lint", "--verbose");

        Shell.Result refused = Shell.run(repo, env, 300, tryRepo);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("Migration Strategist lint").contains("Failed")
                .contains("[create-index-blocks-writes]");

        git.git("rm", "-q", "--cached", GitFixture.MIGRATIONS + "/V4__index_users_email.sql");
        git.add("safe/V5__add_users_phone.sql");
        git.git("add", GitFixture.MIGRATIONS + "/V5__add_users_phone.sql");
        Shell.Result passed = Shell.run(repo, env, 300, tryRepo);
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.out()).contains("Passed");
    }

    private GitFixture gitWithHook() throws Exception {
        GitFixture git = new GitFixture(repo);
        installHook(git);
        return git;
    }

    private static void installHook(GitFixture git) throws Exception {
        Path hook = git.root.resolve(".git/hooks/pre-commit");
        Files.copy(HOOK, hook);
        assertThat(hook.toFile().setExecutable(true)).isTrue();
    }

    private Shell.Result commit(GitFixture git, String message) throws Exception {
        return commit(git, message, Map.of());
    }

    private Shell.Result commit(GitFixture git, String message, Map<String, String> vars) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "commit", "-q", "-m", message));
        return Shell.run(git.root, env(vars), 120, command);
    }

    private Map<String, String> env(Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(GitFixture.GIT_ENV);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("STRATEGIST_JAR", jar.toString());
        env.put("STRATEGIST_LINT_ARGS", "--dialect postgresql:15");
        env.putAll(vars);
        if (vars.containsKey("PRE_COMMIT")) {
            env.remove("STRATEGIST_LINT_ARGS");
        }
        return env;
    }
}
