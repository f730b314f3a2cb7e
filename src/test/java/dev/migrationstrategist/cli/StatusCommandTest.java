package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} through the real command line on both engines: times from the server's clock with their offset,
 * durations in milliseconds (MariaDB's once came in whole seconds), rolled-back steps shown as such, JSON output.
 */
class StatusCommandTest {
    static final String SCHEMA = "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255))";
    static final String ISO_WITH_OFFSET = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";

    @TempDir
    Path dir;

    @Test
    @Tag("postgres")
    void postgres() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(SCHEMA, "INSERT INTO users SELECT g, 'n' || g, 'e' || g FROM generate_series(1, 500) g");
            check(db, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadb() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(SCHEMA, "INSERT INTO users SELECT seq, CONCAT('n', seq), CONCAT('e', seq) FROM seq_1_to_500");
            check(db, "mariadb:10.11");
        }
    }

    private void check(TestDatabase db, String dialect) throws Exception {
        Cli planned = Cli.run("plan", "--dialect", dialect, "--sql", "ALTER TABLE users RENAME COLUMN name TO full_name",
                "--out", dir.toString(), "--print", "none", "--schema", writeSchema());
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        String plan = dir.resolve("migration-strategist-output.json").toString();
        List<String> dbArgs = List.of("--db", db.jdbcUrl(), "--user", db.user());
        Cli apply = Cli.run(with(List.of("apply", "--plan", plan, "--through", "backfill"), dbArgs));
        assertThat(apply.exitCode()).as(apply.toString()).isZero();

        Cli text = Cli.run(with(List.of("status"), dbArgs));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).containsPattern("first applied " + ISO_WITH_OFFSET)
                .containsPattern("\\d+ ms \\(started " + ISO_WITH_OFFSET + "\\)")
                .doesNotContain("\u001B[");

        JsonNode json = new ObjectMapper().readTree(Cli.run(with(List.of("status", "--format", "json"), dbArgs)).out());
        JsonNode steps = json.path("plans").get(0).path("steps");
        List<Long> millis = new ArrayList<>();
        for (JsonNode s : steps) {
            String status = s.path("status").asText();
            if (status.equals("done") || status.equals("passed")) {
                assertThat(s.path("started_at").asText()).matches(ISO_WITH_OFFSET);
                OffsetDateTime started = OffsetDateTime.parse(s.path("started_at").asText());
                OffsetDateTime finished = OffsetDateTime.parse(s.path("finished_at").asText());
                assertThat(s.path("duration_ms").asLong()).isEqualTo(
                        java.time.Duration.between(started, finished).toMillis());
                millis.add(started.getNano() / 1_000_000L);
                millis.add(finished.getNano() / 1_000_000L);
            }
        }
        assertThat(millis).as("times carry milliseconds from the server's clock, not whole seconds")
                .hasSizeGreaterThanOrEqualTo(4).anyMatch(ms -> ms != 0);

        Cli rollback = Cli.run(with(List.of("rollback", "--plan", plan, "--app-rolled-back"), dbArgs));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        JsonNode after = new ObjectMapper().readTree(Cli.run(with(List.of("status", "--format", "json"), dbArgs)).out());
        JsonNode expand = after.path("plans").get(0).path("steps").get(0);
        assertThat(expand.path("status").asText()).isEqualTo("rolled_back");
        assertThat(expand.path("duration_ms").isNull()).as("a rolled-back step shows no run duration").isTrue();
        assertThat(expand.path("rolled_back_at").asText()).matches(ISO_WITH_OFFSET);
        assertThat(Cli.run(with(List.of("status"), dbArgs)).out()).containsPattern("rolled_back .* rolled back at "
                + ISO_WITH_OFFSET);
    }

    private String writeSchema() throws Exception {
        Path f = dir.resolve("schema.sql");
        java.nio.file.Files.writeString(f, SCHEMA + ";\n");
        return f.toString();
    }

    private static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
