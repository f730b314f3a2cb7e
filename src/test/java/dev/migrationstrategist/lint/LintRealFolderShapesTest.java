package dev.migrationstrategist.lint;

import dev.migrationstrategist.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False alarms found by linting real migration folders (a workflow engine's MySQL schema versions, a container
 * registry's PostgreSQL upgrade scripts), on fixtures of the same shape written here.
 */
class LintRealFolderShapesTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int lint(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void growingABlobToMediumblobIsACopyButLosesNothing() throws IOException {
        write("schema/v1.0/schema.sql", """
                CREATE TABLE workflow_payloads (
                  shard_id INT NOT NULL,
                  payload_id BINARY(16) NOT NULL,
                  data BLOB NOT NULL,
                  data_encoding VARCHAR(16) NOT NULL,
                  PRIMARY KEY (shard_id, payload_id)
                );
                """);
        write("schema/v1.2/blob_size.sql", "ALTER TABLE workflow_payloads MODIFY COLUMN data MEDIUMBLOB;\n");
        assertThat(lint("lint", "--dialect", "mysql:8.0", dir.resolve("schema").toString())).isEqualTo(1);
        // MySQL changes the type by copying the table (measured): still an error; but every BLOB fits a MEDIUMBLOB
        assertThat(out.toString()).contains("change-column-type-rewrite")
                .doesNotContain("change-column-type-narrowing");
        write("schema/v1.2/blob_size.sql", "ALTER TABLE workflow_payloads MODIFY COLUMN data TINYBLOB;\n");
        lint("lint", "--dialect", "mysql:8.0", dir.resolve("schema").toString());
        assertThat(out.toString()).contains("change-column-type-narrowing", "255 bytes");
    }

    /**
     * A comment with a comma between two columns of a CREATE TABLE left the table out of State A (the schema reader
     * split the comment as a column), so a later DROP INDEX named the index as its table.
     */
    @Test
    void dropIndexNamesTheTableTheEarlierFileCreatedTheIndexOn() throws IOException {
        write("m/0001_initial_schema.up.sql", """
                create table replication_job (
                 id SERIAL NOT NULL,
                 policy_id int NOT NULL,
                 status varchar(64) NOT NULL,
                  /*
                The worker records its own id (a uuid), beside the old numeric one, for old clients.
                 */
                 worker_uuid varchar(64),
                 PRIMARY KEY (id)
                 );
                CREATE INDEX policy ON replication_job (policy_id);
                """);
        write("m/0004_upgrade.up.sql", "SET lock_timeout = '2s';\nDROP INDEX policy;\n");
        assertThat(lint("lint", "--dialect", "postgresql:15", dir.resolve("m").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("drop-index-locks-table", "ACCESS EXCLUSIVE lock on replication_job")
                .doesNotContain("lock on policy");
    }

    /**
     * A chat server's MySQL folder runs most of its DDL through prepared statements so that each file can be re-run;
     * lint read the SQL in the string literals as nothing (notes on PREPARE / EXECUTE / DEALLOCATE), so a type change
     * to JSON and a DROP COLUMN on live tables passed. An earlier file creates the tables: they are live.
     */
    @Test
    void preparedDdlIsJudgedLikeTheSameStatementWrittenOut() throws IOException {
        write("m/000001_create_film.up.sql", """
                CREATE TABLE IF NOT EXISTS film (
                    film_id varchar(26) NOT NULL,
                    title varchar(255),
                    special_features text,
                    PRIMARY KEY (film_id)
                );
                """);
        write("m/000002_film_json.up.sql", """
                SET @preparedStatement = (SELECT IF(
                    (
                        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE table_name = 'film'
                        AND table_schema = DATABASE()
                        AND column_name = 'special_features'
                        AND column_type != 'JSON'
                    ) > 0,
                    'ALTER TABLE film MODIFY COLUMN special_features JSON;',
                    'SELECT 1'
                ));

                PREPARE alterIfExists FROM @preparedStatement;
                EXECUTE alterIfExists;
                DEALLOCATE PREPARE alterIfExists;
                """);
        write("m/000003_film_rating.up.sql", """
                SET @preparedStatement = (SELECT IF(
                    NOT EXISTS(
                        SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE table_name = 'film'
                        AND table_schema = DATABASE()
                        AND column_name = 'rating'
                    ),
                    'ALTER TABLE film ADD COLUMN rating varchar(10) NOT NULL DEFAULT \\"\\";',
                    'SELECT 1;'
                ));

                PREPARE addColumnIfNotExists FROM @preparedStatement;
                EXECUTE addColumnIfNotExists;
                DEALLOCATE PREPARE addColumnIfNotExists;

                UPDATE film SET rating = 'G' WHERE rating = "";
                """);
        assertThat(lint("lint", "--dialect", "mysql:8.0", "--format", "json", dir.resolve("m").toString()))
                .isEqualTo(1);
        String json = out.toString();
        assertThat(json).contains("000002_film_json.up.sql", "change-column-type-rewrite", "whole-table-dml")
                .doesNotContain("unrecognised-statement", "add-column-default-rewrite");
        // the rating column was added in the same file with DEFAULT "": WHERE rating = "" is every row
        assertThat(json).containsPattern("whole-table-dml\",\\s*\"severity\":\\s*\"error\",\\s*\"file\":\\s*\"[^\"]*000003");
    }
}
