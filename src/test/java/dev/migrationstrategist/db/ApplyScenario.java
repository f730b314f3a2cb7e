package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared set-up for apply tests: the example users table with N rows, and the rename plan written to disk. */
final class ApplyScenario {
    static final String SCHEMA = """
            CREATE TABLE users (
                id         BIGINT PRIMARY KEY,
                name       VARCHAR(255),
                email      VARCHAR(255) NOT NULL,
                created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            CREATE UNIQUE INDEX users_email_key ON users (email);
            """;
    static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name;";

    private ApplyScenario() {
    }

    /** Creates State A with {@code rows} rows (every 10th name NULL). */
    static void seed(TestDatabase db, long rows) {
        db.execute(SCHEMA.split(";\\s*")[0], "CREATE UNIQUE INDEX users_email_key ON users (email)");
        if (db.family().equals("postgresql")) {
            db.execute("INSERT INTO users (id, name, email) SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'name-' || g"
                    + " END, 'u' || g || '@example.com' FROM generate_series(1, " + rows + ") g");
        } else {
            db.execute("INSERT INTO users (id, name, email) SELECT seq, IF(seq % 10 = 0, NULL, CONCAT('name-', seq)),"
                    + " CONCAT('u', seq, '@example.com') FROM seq_1_to_" + rows);
        }
    }

    static Path writePlan(String dialect, Path dir, String... extraOptions) {
        Strategist.Builder b = Strategist.configure().dialect(dialect).schemaSql(SCHEMA);
        PlanResult plan = b.load().planSql(RENAME);
        plan.write(dir);
        return dir.resolve(PlanResult.JSON_FILE);
    }

    static Database database(TestDatabase db) {
        return new Database(db.jdbcUrl(), db.user(), db.password());
    }

    /** Collects apply's log lines for assertions. */
    static final class Log implements ApplyLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String line) {
            lines.add(line);
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("strategist-apply");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
