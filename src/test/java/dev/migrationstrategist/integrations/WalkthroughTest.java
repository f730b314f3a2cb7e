package dev.migrationstrategist.integrations;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/walkthrough.md as written: every {@code bash} block not marked {@code walkthrough:skip} runs, in order, in one
 * bash, in an empty folder, against a fresh PostgreSQL database; then the end state is checked. The marked blocks
 * (getting the tool, naming the database) are replaced by this build's CLI on the PATH as {@code strategist} and the
 * same variables set to the test's database; the test checks it sets exactly the variables the page exports.
 */
class WalkthroughTest {
    static final Path PAGE = Path.of("docs/walkthrough.md").toAbsolutePath();

    @TempDir
    Path work;

    record Block(String text, boolean skipped) {
    }

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("```bash")) {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (!lines.get(j).equals("```")) {
                    b.append(lines.get(j)).append('\n');
                    j++;
                }
                out.add(new Block(b.toString(), previous.contains("walkthrough:skip")));
                i = j;
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        return out;
    }

    @Test
    void theWalkthroughRunsAsWrittenAndEndsWithTheColumnRenamedAndEveryRowKept() throws Exception {
        String page = Files.readString(PAGE);
        List<Block> blocks = blocks(page);
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(blocks.stream().filter(Block::skipped).count()).isEqualTo(2);

        // the page's database variables, as the skipped block exports them
        List<String> exported = new ArrayList<>();
        Matcher m = Pattern.compile("\\b([A-Z_]+)=").matcher(blocks.stream().filter(Block::skipped)
                .map(Block::text).filter(t -> t.contains("FLYWAY_URL")).findFirst().orElseThrow());
        while (m.find()) {
            exported.add(m.group(1));
        }

        Path bin = Files.createDirectories(work.resolve("bin"));
        Path jar = LocalJar.cli(work);
        Path launcher = bin.resolve("strategist");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec \"" + System.getProperty("java.home")
                + "/bin/java\" -XX:TieredStopAtLevel=1 -jar \"" + jar + "\" \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();

        try (TestDatabase scratch = TestDatabases.postgres("ciint_")) {
            String base = scratch.jdbcUrl().replaceAll("[?&]currentSchema=[^&]*", "");
            URI uri = URI.create(base.substring("jdbc:".length()));
            String dbName = "ciint_walk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String dbUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port(uri) + "/" + dbName;
            try (Connection admin = DriverManager.getConnection(base, scratch.user(), scratch.password());
                 Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + dbName);
            }
            try {
                String password = scratch.password() == null ? "" : scratch.password();
                Map<String, String> env = new HashMap<>();
                env.put("FLYWAY_URL", dbUrl);
                env.put("FLYWAY_USER", scratch.user());
                env.put("FLYWAY_PASSWORD", password);
                env.put("PGHOST", uri.getHost());
                env.put("PGPORT", String.valueOf(port(uri)));
                env.put("PGUSER", scratch.user());
                env.put("PGDATABASE", dbName);
                env.put("PGPASSWORD", password);
                assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(exported);
                env.put("STRATEGIST_DB_PASSWORD", password);
                env.put("PATH", bin + ":" + System.getenv("PATH"));
                env.put("JAVA_HOME", System.getProperty("java.home"));
                env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");

                StringBuilder script = new StringBuilder("set -euxo pipefail\n");
                blocks.stream().filter(b -> !b.skipped()).forEach(b -> script.append(b.text()));
                long start = System.nanoTime();
                Shell.Result r = Shell.bash(work, env, 600, script.toString());
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                System.out.println("walkthrough ran in " + seconds + " s, load "
                        + Files.readString(Path.of("/proc/loadavg")).strip());
                assertThat(r.exitCode()).as(r.toString()).isZero();

                assertThat(r.out()).contains("1 file, 2 statements: 0 errors");
                Path migrations = work.resolve("shop/src/main/resources/db/migration");
                assertThat(migrations.resolve("V2__expand_step1_add_column_users.sql")).exists();
                assertThat(migrations.resolve("README-strategist.md")).content()
                        .contains("flyway migrate -target=2").contains("flyway migrate -target=7");
                assertThat(work.resolve("shop/docs/database-report/migration-strategist-report.md")).exists();
                // the row v1.0 wrote by name during the deploy was copied to full_name by the sync trigger
                assertThat(r.out()).containsPattern("written by v1.0 during the deploy \\| written by v1.0 during the deploy");

                try (Connection c = DriverManager.getConnection(dbUrl, scratch.user(), scratch.password());
                     Statement st = c.createStatement()) {
                    assertThat(columns(st)).containsExactly("id", "email", "full_name");
                    try (ResultSet rs = st.executeQuery("SELECT count(*), count(full_name), "
                            + "count(*) FILTER (WHERE full_name = 'user ' || id) FROM users")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(5002);
                        assertThat(rs.getLong(2)).isEqualTo(5002);
                        assertThat(rs.getLong(3)).isEqualTo(5000);
                    }
                    try (ResultSet rs = st.executeQuery("SELECT count(*), bool_and(success), max(version::int) "
                            + "FROM flyway_schema_history WHERE version IS NOT NULL")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(9);
                        assertThat(rs.getBoolean(2)).isTrue();
                        assertThat(rs.getInt(3)).isEqualTo(9);
                    }
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_trigger t JOIN pg_class c "
                            + "ON c.oid = t.tgrelid WHERE c.relname = 'users' AND NOT t.tgisinternal")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("the sync trigger is gone after the contract").isZero();
                    }
                }
            } finally {
                try (Connection admin = DriverManager.getConnection(base, scratch.user(), scratch.password());
                     Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
                }
            }
        }
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 5432 : uri.getPort();
    }

    private static List<String> columns(Statement st) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
