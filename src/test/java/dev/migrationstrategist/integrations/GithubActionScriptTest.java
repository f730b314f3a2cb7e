package dev.migrationstrategist.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Action's script (integrations/github/lint-pr.sh, what action.yml runs) on a real git repository: a base
 * commit and a pull request's commit, with this build's CLI as the jar (given, or "downloaded" from a file: URL).
 */
class GithubActionScriptTest {
    static final Path SCRIPT = Path.of("integrations/github/lint-pr.sh").toAbsolutePath();

    @TempDir
    static Path jars;
    static Path jar;

    @TempDir
    Path repo;
    @TempDir
    Path runnerTemp;

    @BeforeAll
    static void jar() throws Exception {
        jar = LocalJar.cli(jars);
    }

    @Test
    void aPullRequestAddingAnUnsafeMigrationExitsOneAndTheSarifNamesOnlyThatFile() throws Exception {
        GitFixture git = new GitFixture(repo);
        String base = git.git("rev-parse", "HEAD").out().strip();
        git.add("unsafe/V4__index_users_email.sql");
        git.commit("index users.email");

        Shell.Result r = script(Map.of("STRATEGIST_BASE", base, "STRATEGIST_JAR", jar.toString(),
                "STRATEGIST_DIALECT", "postgresql:15"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String v4 = GitFixture.MIGRATIONS + "/V4__index_users_email.sql";
        assertThat(r.out()).contains("::error file=" + v4 + ",line=1");
        assertThat(r.err()).contains("strategist-lint: a changed migration has a finding at error severity");
        assertThat(results(repo.resolve("strategist-lint.sarif")))
                .contains("create-index-blocks-writes error " + v4)
                .allSatisfy(res -> assertThat(res).endsWith(v4));
        assertThat(Files.readString(runnerTemp.resolve("out"))).contains("exit-code=1\n")
                .contains("sarif-file=strategist-lint.sarif\n");
    }

    @Test
    void migrationsAlreadyOnTheBaseAreHistoryNotJudged() throws Exception {
        GitFixture git = new GitFixture(repo);
        git.add("unsafe/V4__index_users_email.sql");
        String base = git.commit("an unsafe index that main already has");
        git.add("safe/V5__add_users_phone.sql");
        git.commit("users.phone");

        Shell.Result r = script(Map.of("STRATEGIST_BASE", base, "STRATEGIST_JAR", jar.toString(),
                "STRATEGIST_DIALECT", "postgresql:15"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(results(repo.resolve("strategist-lint.sarif"))).isEmpty();
        assertThat(Files.readString(runnerTemp.resolve("out"))).contains("exit-code=0\n");
    }

    @Test
    void deferredExitLeavesTheFailureToTheActionAfterTheUpload() throws Exception {
        GitFixture git = new GitFixture(repo);
        String base = git.git("rev-parse", "HEAD").out().strip();
        git.add("unsafe/V4__index_users_email.sql");
        git.commit("index users.email");

        Shell.Result r = script(Map.of("STRATEGIST_BASE", base, "STRATEGIST_JAR", jar.toString(),
                "STRATEGIST_DEFER_EXIT", "1", "STRATEGIST_SARIF", "out/lint.sarif"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(runnerTemp.resolve("out"))).contains("exit-code=1\n")
                .contains("sarif-file=out/lint.sarif\n");
        assertThat(results(repo.resolve("out/lint.sarif"))).contains(
                "create-index-blocks-writes error " + GitFixture.MIGRATIONS + "/V4__index_users_email.sql");
    }

    @Test
    void downloadsTheReleasedJarNamedByVersion() throws Exception {
        Path release = Files.createDirectories(runnerTemp.resolve("release"));
        Files.copy(jar, release.resolve("migration-strategist-9.9.9-cli.jar"));
        GitFixture git = new GitFixture(repo);
        String base = git.git("rev-parse", "HEAD").out().strip();
        git.add("unsafe/V4__index_users_email.sql");
        git.commit("index users.email");

        Shell.Result r = script(Map.of("STRATEGIST_BASE", base, "STRATEGIST_VERSION", "9.9.9",
                "STRATEGIST_JAR_URL", release.toUri() + "migration-strategist-{version}-cli.jar"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(runnerTemp.resolve("migration-strategist-9.9.9-cli.jar")).exists();
        assertThat(results(repo.resolve("strategist-lint.sarif"))).isNotEmpty();

        Shell.Result missing = script(Map.of("STRATEGIST_BASE", base, "STRATEGIST_VERSION", "9.9.8",
                "STRATEGIST_JAR_URL", release.toUri() + "migration-strategist-{version}-cli.jar"));
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("strategist-lint: cannot download " + release.toUri()
                + "migration-strategist-9.9.8-cli.jar");
    }

    @Test
    void aBaseTheCloneDoesNotHaveExitsTwoSayingHowToFetchIt() throws Exception {
        new GitFixture(repo);

        Shell.Result r = script(Map.of("STRATEGIST_BASE", "0123456789abcdef0123456789abcdef01234567",
                "STRATEGIST_JAR", jar.toString()));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("strategist-lint: base revision 0123456789abcdef0123456789abcdef01234567"
                + " is not in this clone: check out with 'fetch-depth: 0' (actions/checkout) or fetch it");
        assertThat(repo.resolve("strategist-lint.sarif")).doesNotExist();
    }

    @Test
    void theActionRunsThisScriptWithEveryVariableTheScriptReadsAndUploadsItsSarif() throws Exception {
        JsonNode action = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Path.of("action.yml").toFile());
        assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
        JsonNode steps = action.at("/runs/steps");
        JsonNode lint = null;
        List<String> uses = new ArrayList<>();
        for (JsonNode step : steps) {
            if ("lint".equals(step.path("id").asText())) {
                lint = step;
            }
            uses.add(step.path("uses").asText());
        }
        assertThat(lint).isNotNull();
        assertThat(lint.get("run").asText()).isEqualTo("\"$GITHUB_ACTION_PATH/integrations/github/lint-pr.sh\"");
        String script = Files.readString(SCRIPT);
        List<String> read = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{?(STRATEGIST_[A-Z_]+)").matcher(script);
        while (m.find()) {
            if (!read.contains(m.group(1)) && !m.group(1).equals("STRATEGIST_JAR")) {
                read.add(m.group(1));
            }
        }
        List<String> given = new ArrayList<>();
        lint.get("env").fieldNames().forEachRemaining(given::add);
        assertThat(given).containsExactlyInAnyOrderElementsOf(read);
        assertThat(uses).contains("github/codeql-action/upload-sarif@v3", "actions/setup-java@v4");
    }

    private Shell.Result script(Map<String, String> vars) throws Exception {
        Map<String, String> env = new HashMap<>(GitFixture.GIT_ENV);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("RUNNER_TEMP", runnerTemp.toString());
        env.put("GITHUB_OUTPUT", runnerTemp.resolve("out").toString());
        env.putAll(vars);
        Files.createDirectories(repo.resolve("out"));
        return Shell.run(repo, env, 120, List.of("bash", SCRIPT.toString()));
    }

    /** Each SARIF result as "rule level file". */
    static List<String> results(Path sarif) throws Exception {
        JsonNode root = new ObjectMapper().readTree(sarif.toFile());
        assertThat(root.at("/version").asText()).isEqualTo("2.1.0");
        List<String> out = new ArrayList<>();
        root.at("/runs/0/results").forEach(res -> out.add(res.get("ruleId").asText() + " "
                + res.get("level").asText() + " "
                + res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
        return out;
    }
}
