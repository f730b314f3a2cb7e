package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every index form the model carries, on the columns the index tests rename or change: PostgreSQL (DESC, NULLS,
 * expression, partial, operator class with and without parameters, collation, INCLUDE, NULLS NOT DISTINCT, hash,
 * storage parameters, array element and partial array indexes, a predicate-only mention) and MariaDB (DESC,
 * prefix, FULLTEXT, SPATIAL, unique, IGNORED, multi-column).
 */
final class IndexForms {
    private IndexForms() {
    }

    /** users.name is renamed, scores.score changes int to bigint, posts.tags is renamed. */
    static List<String> postgres(TestDatabase db) {
        List<String> ddl = new ArrayList<>(List.of(
                "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, email text, note text)",
                "CREATE INDEX u_name_desc ON users (name DESC NULLS LAST)",
                "CREATE INDEX u_name_asc_nulls_first ON users (name NULLS FIRST)",
                "CREATE INDEX u_name_lower ON users (lower(name))",
                "CREATE INDEX u_name_partial ON users (name) WHERE email IS NOT NULL",
                "CREATE INDEX u_name_pattern ON users (name varchar_pattern_ops)",
                "CREATE INDEX u_name_coll ON users (name COLLATE \"C\" DESC)",
                "CREATE INDEX u_email_incl ON users (email) INCLUDE (name, note)",
                "CREATE INDEX u_email_pred ON users (email) WHERE name <> 'x' AND note IS NULL",
                "CREATE INDEX u_name_hash ON users USING hash (name) WITH (fillfactor = 70)",
                "CREATE INDEX u_name_concat ON users (email, (name || '-' || email) DESC)",
                "CREATE INDEX u_note ON users (note)",
                "CREATE TABLE scores (id bigint PRIMARY KEY, score int NOT NULL, note text)",
                "CREATE INDEX s_score_desc ON scores (score DESC NULLS LAST)",
                "CREATE INDEX s_score_double ON scores ((score * 2)) WHERE score > 0",
                "CREATE UNIQUE INDEX s_score_note ON scores (score, note) WHERE note IS NOT NULL",
                "CREATE INDEX s_note_incl ON scores (note) INCLUDE (score)",
                "CREATE TABLE posts (id bigint PRIMARY KEY, title text, tags text[])",
                "CREATE INDEX p_tags_gin ON posts USING gin (tags) WHERE tags IS NOT NULL",
                "CREATE INDEX p_tags_first ON posts ((tags[1]))",
                "CREATE INDEX p_tags_nonempty ON posts (id) WHERE cardinality(tags) > 0",
                "CREATE INDEX p_title_tags ON posts (title, tags) WHERE tags <> '{}'"));
        if (nullsNotDistinct(db)) {
            ddl.add("CREATE UNIQUE INDEX u_name_nnd ON users (name, email) NULLS NOT DISTINCT");
        }
        if (!db.column("SELECT name FROM pg_available_extensions WHERE name = 'pg_trgm'").isEmpty()) {
            try {
                db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
            } catch (IllegalStateException raced) { // another test created it at the same moment
                assertThat(db.column("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).isNotEmpty();
            }
            ddl.add("CREATE INDEX u_name_trgm ON users USING gin (name public.gin_trgm_ops)");
            ddl.add("CREATE INDEX u_name_gist ON users USING gist (name public.gist_trgm_ops (siglen = 32))");
        }
        return ddl;
    }

    /** NULLS NOT DISTINCT exists from PostgreSQL 15 (the embedded server of a fresh machine may be older). */
    static boolean nullsNotDistinct(TestDatabase db) {
        return db.count("SELECT current_setting('server_version_num')::int") >= 150000;
    }

    /** users.name is renamed, scores.score changes int to bigint. */
    static List<String> mariadb() {
        return List.of(
                "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, email varchar(100),"
                        + " bio text, g point NOT NULL DEFAULT (POINT(0, 0)), SPATIAL KEY u_g (g))",
                "CREATE INDEX u_name_desc ON users (name DESC)",
                "CREATE INDEX u_name_prefix ON users (name(10))",
                "CREATE FULLTEXT INDEX u_name_ft ON users (name, bio)",
                "CREATE UNIQUE INDEX u_name_id ON users (name, id)",
                "ALTER TABLE users ADD INDEX u_name_ignored (name) IGNORED",
                "CREATE INDEX u_email_name ON users (email, name(20) DESC)",
                "CREATE TABLE scores (id bigint PRIMARY KEY, score int NOT NULL, note varchar(50))",
                "CREATE INDEX s_score_desc ON scores (score DESC)",
                "CREATE UNIQUE INDEX s_note_score ON scores (note(10), score)",
                "ALTER TABLE scores ADD INDEX s_score_ignored (score, id) IGNORED");
    }

    /**
     * {@link #mariadb()} without the FULLTEXT and SPATIAL indexes: MariaDB 10.11 adds no column to a table with a
     * FULLTEXT index without rebuilding it under LOCK=SHARED (ALGORITHM=INSTANT and LOCK=NONE are refused with error
     * 1846, measured), so the plans that add the new column cannot run online there; the SPATIAL column is left out
     * to keep the table to what the rename and type change touch.
     */
    static List<String> mariadbOnline() {
        return List.of(
                "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, email varchar(100), bio text)",
                "CREATE INDEX u_name_desc ON users (name DESC)",
                "CREATE INDEX u_name_prefix ON users (name(10))",
                "CREATE UNIQUE INDEX u_name_id ON users (name, id)",
                "ALTER TABLE users ADD INDEX u_name_ignored (name) IGNORED",
                "CREATE INDEX u_email_name ON users (email, name(20) DESC)",
                "CREATE INDEX u_bio ON users (bio(30))",
                "CREATE TABLE scores (id bigint PRIMARY KEY, score int NOT NULL, note varchar(50))",
                "CREATE INDEX s_score_desc ON scores (score DESC)",
                "CREATE UNIQUE INDEX s_note_score ON scores (note(10), score)",
                "ALTER TABLE scores ADD INDEX s_score_ignored (score, id) IGNORED");
    }

    /** A table's indexes, ordered by name. */
    static List<Index> indexes(Schema schema, String table) {
        Table t = schema.table(Ident.of(table)).orElseThrow();
        return t.indexes().stream().sorted(Comparator.comparing(i -> i.name().name())).toList();
    }

    static Index index(Schema schema, String table, String name) {
        return indexes(schema, table).stream().filter(i -> i.name().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " on " + table + ": "
                        + indexes(schema, table)));
    }

    /** pg_dump --schema-only of the test's schema. */
    static String pgDump(TestDatabase db) throws Exception {
        java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return run("pg_dump", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", db.user(),
                "--schema-only", "--schema=" + db.scope(), uri.getPath().substring(1));
    }

    /** mariadb-dump --no-data of the test's database. */
    static String mariadbDump(TestDatabase db) throws Exception {
        java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return run(onPath("mariadb-dump") ? "mariadb-dump" : "mysqldump", "-h", uri.getHost(), "-P",
                String.valueOf(uri.getPort()), "-u" + db.user(), "--no-data", db.scope());
    }

    private static String run(String... command) throws Exception {
        Assumptions.assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Path err = Files.createTempFile("dump", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        Assumptions.assumeFalse(stderr.contains("server version mismatch"), command[0] + " skipped: " + stderr.strip());
        assertThat(p.exitValue()).as(command[0] + " exit code (" + stderr.strip() + ")").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(d -> new File(d, tool).canExecute());
    }
}
