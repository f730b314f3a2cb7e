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
}
