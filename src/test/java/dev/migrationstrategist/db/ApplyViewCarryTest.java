package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A column rename that views read (a sakila-like film catalog: a joined list view with the column under its own
 * name, an aggregate view that groups and orders by it, a single-table view with bare names), planned from the live
 * database and applied through the contract while an application writes: the plan recreates each view on the new
 * column before the drop, the views keep their output columns and return the same rows, and a view the rewrite
 * cannot place (a USING join) keeps the plan refused with its name.
 */
class ApplyViewCarryTest {
    private static final int ROWS = 5_000;

    @Test
    @Tag("postgres")
    void postgresRenameCarriesTheViews() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            carried(db);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRenameCarriesTheViews() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            carried(db);
        }
    }

    @Test
    @Tag("postgres")
    void postgresViewTheRewriteCannotPlaceStaysRefused() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            load(db);
            db.execute("CREATE VIEW film_texts AS SELECT film_id, title FROM film JOIN film_text USING (film_id)");
            assertThatThrownBy(() -> plan(db)).isInstanceOf(StrategistException.class)
                    .hasMessageContaining("view film_texts").hasMessageNotContaining("view film_list");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbTableRenameCarriesTheViewsThatNameIt() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            load(db);
            List<List<String>> listBefore = db.rows("SELECT fid, title, category FROM film_list ORDER BY fid");
            List<List<String>> topBefore = db.rows("SELECT category, last_title FROM top_titles ORDER BY category");
            PlanResult result = Strategist.configure().liveDatabase(ApplyScenario.database(db))
                    .rows("film", 5_000_000).load().plan("rename table film to movie");
            Path dir = ApplyScenario.tempDir();
            result.write(dir);
            Path planPath = dir.resolve(PlanResult.JSON_FILE);
            assertThat(result.json()).contains("\"replace_view\"");
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyOptions options = ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true);
            try (LoadWriters reader = reader(db)) {
                reader.start();
                Thread.sleep(200);
                ApplyResult applied = new Applier(ApplyScenario.database(db), options, log)
                        .apply(PlanFile.read(planPath), planPath.toString());
                assertThat(applied.complete()).as(String.join("\n", log.lines)).isTrue();
                Thread.sleep(200);
                reader.close();
                assertThat(reader.errors).as("reads of the views while the table was renamed").isEmpty();
                assertThat(reader.operations.get()).isPositive();
            }
            assertThat(db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + db.scope()
                    + "' AND table_name = 'movie' AND table_type = 'BASE TABLE'")).isOne();
            assertThat(db.rows("SELECT fid, title, category FROM film_list ORDER BY fid")).isEqualTo(listBefore);
            assertThat(db.rows("SELECT category, last_title FROM top_titles ORDER BY category")).isEqualTo(topBefore);
            db.execute("UPDATE movie SET title = 'zzz' WHERE film_id = 3");
            assertThat(db.column("SELECT title FROM g_titles WHERE film_id = 3")).containsExactly("zzz");
        }
    }

    /** Reads every view in a loop: a view naming a table that is gone fails with ERROR 1356. */
    private static LoadWriters reader(TestDatabase db) {
        return new LoadWriters(db, 1) {
            @Override
            void round(Connection c) throws SQLException {
                for (String view : List.of("film_list", "top_titles", "g_titles")) {
                    try (var st = c.createStatement(); var r = st.executeQuery("SELECT count(*) FROM " + view)) {
                        r.next();
                        operations.incrementAndGet();
                    }
                }
            }
        };
    }

    private void carried(TestDatabase db) throws Exception {
        boolean pg = load(db);
        List<List<String>> listBefore = db.rows("SELECT fid, title, category FROM film_list ORDER BY fid");
        List<List<String>> topBefore = db.rows("SELECT category, last_title FROM top_titles ORDER BY category");
        List<String> columnsBefore = viewColumns(db);
        Path planPath = plan(db);
        String json = Files.readString(planPath);
        assertThat(json).contains("\"replace_view\"");
        PlanFile plan = PlanFile.read(planPath);
        ApplyScenario.Log log = new ApplyScenario.Log();
        ApplyOptions options = ApplyOptions.defaults().withBatching(1_000, Duration.ofMillis(20), Duration.ZERO)
                .withThrough(Phase.CONTRACT).withConfirmContract(true);
        try (LoadWriters app = writer(db)) {
            app.start();
            Thread.sleep(200);
            ApplyResult result = new Applier(ApplyScenario.database(db), options, log).apply(plan,
                    planPath.toString());
            assertThat(result.complete()).as(String.join("\n", log.lines)).isTrue();
            Thread.sleep(200);
            app.close();
            assertThat(app.errors).as("application errors").isEmpty();
            assertThat(app.operations.get()).isPositive();
            assertThat(app.rePrepares.get()).as("no re-prepared round: the rename changes no type").isZero();
        }
        assertThat(db.columns("film")).contains("name").doesNotContain("title");
        assertThat(viewColumns(db)).as("each view's output columns").isEqualTo(columnsBefore);
        assertThat(db.rows("SELECT fid, title, category FROM film_list WHERE fid <= " + ROWS + " ORDER BY fid"))
                .isEqualTo(listBefore);
        assertThat(db.rows("SELECT category, last_title FROM top_titles ORDER BY category")).isEqualTo(topBefore);
        assertThat(db.count("SELECT count(*) FROM g_titles WHERE title LIKE 'film %'")).isPositive();
        // the views follow the new column: a title written now shows through each of them
        db.execute("UPDATE film SET name = 'zzz renamed' WHERE film_id = 7");
        assertThat(db.column("SELECT title FROM film_list WHERE fid = 7")).containsExactly("zzz renamed");
        assertThat(db.column("SELECT last_title FROM top_titles WHERE category = "
                + (pg ? "'cat ' || 7 % 16" : "CONCAT('cat ', 7 % 16)"))).containsExactly("zzz renamed");
    }

    /** A sakila-like catalog: ROWS films in 16 categories, three views over film.title; true on PostgreSQL. */
    private static boolean load(TestDatabase db) {
        boolean pg = db.family().equals("postgresql");
        db.execute("CREATE TABLE category (category_id int PRIMARY KEY, name varchar(25) NOT NULL)",
                "CREATE TABLE film (film_id int PRIMARY KEY, title varchar(255), category_id int NOT NULL,"
                        + " rating varchar(5) NOT NULL DEFAULT 'G')",
                "CREATE TABLE film_text (film_id int PRIMARY KEY, description text)",
                pg ? "INSERT INTO category SELECT g, 'cat ' || g FROM generate_series(0, 15) g"
                        : "INSERT INTO category SELECT seq, CONCAT('cat ', seq) FROM seq_0_to_15",
                pg ? "INSERT INTO film SELECT g, 'film ' || g, g % 16, CASE WHEN g % 3 = 0 THEN 'G' ELSE 'PG' END"
                        + " FROM generate_series(1, " + ROWS + ") g"
                        : "INSERT INTO film SELECT seq, CONCAT('film ', seq), seq % 16, IF(seq % 3 = 0, 'G', 'PG')"
                        + " FROM seq_1_to_" + ROWS,
                "CREATE VIEW film_list AS SELECT f.film_id AS fid, f.title, c.name AS category"
                        + " FROM film f JOIN category c ON c.category_id = f.category_id",
                "CREATE VIEW top_titles AS SELECT c.name AS category, max(f.title) AS last_title, count(*) AS films"
                        + " FROM film f JOIN category c ON c.category_id = f.category_id"
                        + " WHERE f.title IS NOT NULL GROUP BY c.name ORDER BY max(f.title)",
                "CREATE VIEW g_titles AS SELECT film_id, title FROM film WHERE rating = 'G'",
                pg ? "ANALYZE film" : "ANALYZE TABLE film");
        return pg;
    }

    private static Path plan(TestDatabase db) throws Exception {
        PlanResult result = Strategist.configure().liveDatabase(ApplyScenario.database(db))
                .rows("film", 5_000_000).batchSize(1_000).load().plan("rename column film.title to name");
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        return dir.resolve(PlanResult.JSON_FILE);
    }

    private static List<String> viewColumns(TestDatabase db) {
        return db.column("SELECT concat(table_name, '.', column_name) FROM information_schema.columns"
                + " WHERE table_name IN ('film_list', 'top_titles', 'g_titles') AND table_schema = '" + db.scope()
                + "' ORDER BY table_name, ordinal_position");
    }

    /** The application: inserts films and changes ratings (columns the rename does not touch), all along. */
    private static LoadWriters writer(TestDatabase db) {
        AtomicLong next = new AtomicLong(ROWS + 1);
        return new LoadWriters(db, 1) {
            @Override
            void round(Connection c) throws SQLException {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO film (film_id, category_id) VALUES (?, 1)");
                     PreparedStatement update = c.prepareStatement("UPDATE film SET rating = ? WHERE film_id = ?")) {
                    insert.setLong(1, next.getAndIncrement());
                    insert.executeUpdate();
                    update.setString(1, ThreadLocalRandom.current().nextBoolean() ? "G" : "PG");
                    update.setLong(2, ThreadLocalRandom.current().nextLong(1, ROWS + 1));
                    update.executeUpdate();
                    operations.incrementAndGet();
                }
            }
        };
    }
}
