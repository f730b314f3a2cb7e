package dev.migrationstrategist.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Maven plugin (maven-plugin/) run by a real {@code mvn} on a sample project: this build's library jar and the
 * plugin are installed into a temporary local repository (nothing is installed into ~/.m2; everything else is read
 * from ~/.m2 as a repository, Maven Central only for what it lacks), then {@code mvn validate} runs the lint goal.
 */
class MavenPluginTest {
    static final Path FIXTURES = Path.of("src/test/resources/integrations").toAbsolutePath();

    @TempDir
    static Path shared;
    static Path settings;
    static String version;

    @TempDir
    Path project;

    @BeforeAll
    static void installLibraryAndPlugin() throws Exception {
        version = LocalJar.version();
        Path repo = Files.createDirectories(shared.resolve("repository"));
        Path userRepo = Path.of(System.getProperty("ciint.m2",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        settings = shared.resolve("settings.xml");
        // ~/.m2 is read as a repository before Maven Central: offline when ~/.m2 has what the builds need (after the
        // library's own build and one run of this test), Central only for what a fresh machine lacks; its snapshots
        // are never read (the library under test is the one installed here)
        String userM2 = """
                <repository><id>user-m2</id><url>%s</url>
                  <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>
                </repository>""".formatted(userRepo.toUri());
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles><profile><id>user-m2</id>
                    <repositories>%s</repositories>
                    <pluginRepositories>%s</pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo, userM2, userM2.replace("repository>", "pluginRepository>")));
        // the library as `mvn install` would put it: its jar and its POM
        Path lib = Files.createDirectories(repo.resolve("dev/migrationstrategist/migration-strategist/" + version));
        LocalJar.library(lib.resolve("migration-strategist-" + version + ".jar"));
        Files.copy(Path.of("pom.xml"), lib.resolve("migration-strategist-" + version + ".pom"));
        // the plugin, built from a copy of maven-plugin/ (nothing is written into the source tree)
        Path plugin = shared.resolve("maven-plugin");
        copyTree(Path.of("maven-plugin").toAbsolutePath(), plugin);
        Shell.Result r = mvn(plugin, "-DskipTests", "-Dstrategist.version=" + version, "install");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void anUnsafeMigrationFailsTheBuildNamingTheFindingAndWritesSarif() throws Exception {
        sampleProject();
        Files.copy(FIXTURES.resolve("unsafe/V4__index_users_email.sql"), migrations().resolve("V4__index_users_email.sql"));

        Shell.Result r = mvn(project, "validate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("[ERROR] src/main/resources/db/migration/V4__index_users_email.sql:1:1: error "
                + "[create-index-blocks-writes] CREATE INDEX users_email_idx ON users takes a SHARE lock on users");
        assertThat(r.out()).contains("[ERROR]   instead: ").contains("CONCURRENTLY");
        assertThat(r.out()).contains("BUILD FAILURE").contains("strategist lint: 1 finding at error severity");
        JsonNode sarif = new ObjectMapper().readTree(project.resolve("target/migration-strategist/lint.sarif").toFile());
        List<String> rules = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(res -> rules.add(res.get("ruleId").asText() + " " + res.get("level").asText()
                + " " + res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
        assertThat(rules).contains("create-index-blocks-writes error src/main/resources/db/migration/V4__index_users_email.sql");
        assertThat(Files.readString(project.resolve("target/migration-strategist/lint.txt")))
                .contains("create-index-blocks-writes");
    }

    @Test
    void safeMigrationsPassWithNothingToReport() throws Exception {
        sampleProject();

        Shell.Result r = mvn(project, "validate");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("strategist lint: 3 files, 5 statements, 0 findings").contains("BUILD SUCCESS");
        JsonNode sarif = new ObjectMapper().readTree(project.resolve("target/migration-strategist/lint.sarif").toFile());
        assertThat(sarif.at("/runs/0/results")).isEmpty();
    }

    @Test
    void failOnErrorFalseKeepsTheBuildGreenButStillReports() throws Exception {
        sampleProject();
        Files.copy(FIXTURES.resolve("unsafe/V4__index_users_email.sql"), migrations().resolve("V4__index_users_email.sql"));

        Shell.Result r = mvn(project, "-Dstrategist.failOnError=false", "validate");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[create-index-blocks-writes]").contains("BUILD SUCCESS");
    }

    @Test
    void planGoalWritesTheReportsAndTheFlywayMigrations() throws Exception {
        sampleProject();
        Files.copy(FIXTURES.resolve("maven-project/schema.sql"), project.resolve("schema.sql"));
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("</dialect>",
                "</dialect>\n          <rows><users>50_000_000</users></rows>"));

        Shell.Result r = mvn(project, "strategist:plan", "-Dstrategist.schema=schema.sql",
                "-Dstrategist.sql=ALTER TABLE users RENAME COLUMN name TO full_name",
                "-Dstrategist.emitFlyway=src/main/resources/db/migration");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Flyway migrations from V4 in ");
        String report = Files.readString(project.resolve("target/migration-strategist/migration-strategist-report.md"));
        assertThat(report).contains("users.full_name");
        JsonNode json = new ObjectMapper().readTree(
                project.resolve("target/migration-strategist/migration-strategist-output.json").toFile());
        assertThat(json.toString()).contains("\"phase\":\"contract\"");
        assertThat(json.at("/state_a/fingerprint").asText()).startsWith("sha256:");
        assertThat(json.at("/options/rows/users").asLong()).isEqualTo(50_000_000L);
        assertThat(migrations().resolve("V4__expand_step1_add_column_users.sql")).exists();
        assertThat(migrations().resolve("README-strategist.md")).content(StandardCharsets.UTF_8)
                .contains("flyway migrate -target=4");
    }

    @Test
    void aWrongSettingFailsWithOneLineNamingTheParameter() throws Exception {
        sampleProject();

        Shell.Result r = mvn(project, "-Dstrategist.schema=no-such-schema.sql", "validate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("strategist lint: <schemaFile> " + project.resolve("no-such-schema.sql") + ": no such file").doesNotContain("\tat dev.migrationstrategist");
    }

    private void sampleProject() throws IOException {
        copyTree(FIXTURES.resolve("maven-project/src"), project.resolve("src"));
        Files.writeString(project.resolve("pom.xml"), Files.readString(FIXTURES.resolve("maven-project/pom.xml"))
                .replace("@STRATEGIST_VERSION@", version));
    }

    private Path migrations() {
        return project.resolve("src/main/resources/db/migration");
    }

    private static Shell.Result mvn(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-Dstyle.color=never", "-s", settings.toString()));
        command.addAll(List.of(args));
        return Shell.run(dir, Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1"), 300, command);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
