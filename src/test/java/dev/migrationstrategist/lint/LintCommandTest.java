package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code strategist lint} in-process: exit codes, configuration, inline suppression. */
class LintCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void exitsZeroWhenCleanOrOnlyWarnings() throws IOException {
        write("m/V1__a.sql", "ALTER TABLE users ADD COLUMN nickname text;");
        assertThat(run("lint", dir.resolve("m").toString())).isZero();
        assertThat(out.toString()).contains("warning [missing-lock-timeout]", "1 file, 1 statements: 0 errors, 1 warnings");
    }

    @Test
    void exitsOneOnAnErrorFinding() throws IOException {
        write("m/V1__a.sql", "SET lock_timeout = '2s';\nVACUUM FULL users;");
        assertThat(run("lint", "--format", "json", dir.resolve("m").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"rule\": \"vacuum-full\"");
    }

    @Test
    void exitsTwoOnInvalidInput() throws IOException {
        assertThat(run("lint", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file or directory");
        write("a.sql", "SELECT 1;");
        assertThat(run("lint", "--format", "xml", dir.resolve("a.sql").toString())).isEqualTo(2);
        assertThat(run("lint", "--dialect", "oracle", dir.resolve("a.sql").toString())).isEqualTo(2);
        assertThat(run("lint")).isEqualTo(2);
        Path bad = write("bad.yaml", "rules:\n  no-such-rule: off\n");
        assertThat(run("lint", "--config", bad.toString(), dir.resolve("a.sql").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("rules.no-such-rule: unknown rule");
        Path broken = write("broken.yaml", "rules: [\n");
        assertThat(run("lint", "--config", broken.toString(), dir.resolve("a.sql").toString())).isEqualTo(2);
        assertThat(run("lint", "--config", dir.resolve("none.yaml").toString(), dir.resolve("a.sql").toString()))
                .isEqualTo(2);
    }

    @Test
    void configurationSwitchesRulesOffChangesSeveritiesKnowsSmallTablesAndExcludesPaths() throws IOException {
        write("m/V1__a.sql", "VACUUM FULL settings;\nTRUNCATE audit;\nCLUSTER users;");
        write("m/legacy/V0__old.sql", "VACUUM FULL users;");
        Path config = write("cfg.yaml", """
                dialect: postgresql:15
                large_table_rows: 1000
                tables: {settings: 40}
                exclude: ["**/legacy/**"]
                rules:
                  missing-lock-timeout: off
                  truncate-table: warning
                """);
        assertThat(run("lint", "--config", config.toString(), "--format", "json", dir.resolve("m").toString()))
                .isEqualTo(1);
        String json = out.toString();
        assertThat(json).doesNotContain("settings").doesNotContain("legacy").doesNotContain("missing-lock-timeout");
        assertThat(json).contains("\"rule\": \"truncate-table\",\n    \"severity\": \"warning\"");
        assertThat(json).contains("\"rule\": \"cluster-table\",\n    \"severity\": \"error\"");
    }

    @Test
    void inlineIgnoreNeedsAReasonAndAnUnusedIgnoreIsReported() throws IOException {
        write("m/V1__a.sql", """
                SET lock_timeout = '2s';
                -- strategist:ignore vacuum-full settings has 40 rows
                VACUUM FULL settings;
                -- strategist:ignore cluster-table
                CLUSTER users;
                -- strategist:ignore truncate-table nothing to truncate here
                VACUUM users;
                """);
        assertThat(run("lint", dir.resolve("m").toString())).isEqualTo(1);
        String text = out.toString();
        assertThat(text).doesNotContain("[vacuum-full]");
        assertThat(text).contains("V1__a.sql:4:1: warning [ignore-without-reason]", "V1__a.sql:5:1: error [cluster-table]",
                "V1__a.sql:6:1: warning [unused-ignore]");
    }

    @Test
    void githubAndSarifFormatsRunFromTheCommandLine() throws IOException {
        write("m/V1__a.sql", "SET lock_timeout = '2s';\nVACUUM FULL users;");
        assertThat(run("lint", "--format", "github", dir.resolve("m").toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("::error file=").contains(",line=2,col=1,title=vacuum-full::");
        out.getBuffer().setLength(0);
        assertThat(run("lint", "--format", "sarif", dir.resolve("m").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"version\": \"2.1.0\"");
    }
}
