package dev.migrationstrategist.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL/MariaDB charset and collation changes judged against State A's table and column encodings (earlier files,
 * a mysqldump-shaped --schema, a live MariaDB through --db), as measured on MariaDB 10.11 (docs/measurements.md,
 * "Character sets and table rebuilds"). The folder is shaped like the two-factor / auth tables of self-hosted
 * authentication servers: tables created with an explicit utf8mb4_unicode_520_ci, later migrations that restate
 * it with ENGINE=InnoDB, and older utf8mb3 tables converted to utf8mb4.
 */
class LintCharsetTest {
    static final String TIMEOUT = "SET SESSION lock_wait_timeout = 2;\n";
    static final String CREATE = """
            CREATE TABLE auth_logs (
              id INTEGER AUTO_INCREMENT,
              logged_at TIMESTAMP NOT NULL,
              username VARCHAR(100) NOT NULL,
              remote_ip VARCHAR(39) NULL,
              PRIMARY KEY (id),
              KEY auth_logs_username_idx (username)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
            CREATE TABLE totp_configs (
              id INTEGER AUTO_INCREMENT PRIMARY KEY,
              username VARCHAR(100) NOT NULL,
              secret CHAR(32) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8;
            CREATE TABLE user_prefs (
              username VARCHAR(100) NOT NULL PRIMARY KEY,
              settings TEXT
            ) ENGINE=InnoDB CHARACTER SET utf8mb3;
            CREATE TABLE legacy_sessions (
              id VARCHAR(64) NOT NULL PRIMARY KEY,
              data TEXT
            );
            """;
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    record Found(String file, String rule, String severity) {
    }

    List<Found> lint(String dialect, String... more) throws IOException {
        out.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("lint", "--dialect", dialect, "--format", "json"));
        args.addAll(List.of(more));
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isIn(0, 1);
        List<Found> found = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(out.toString())) {
            found.add(new Found(Path.of(f.get("file").asText()).getFileName().toString(), f.get("rule").asText(),
                    f.get("severity").asText()));
        }
        return found;
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static List<String> of(List<Found> found, String file) {
        return found.stream().filter(f -> f.file().equals(file)).map(f -> f.severity() + " " + f.rule()).toList();
    }

    @Test
    void aFolderWhoseFirstFileCreatedTheTablesWithTheirCharsetIsJudgedByIt() throws IOException {
        write("m/V1__init.sql", CREATE);
        write("m/V2__restate.sql", TIMEOUT + "ALTER TABLE auth_logs ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_520_ci;\n");
        write("m/V3__restate_no_engine.sql", TIMEOUT + "ALTER TABLE auth_logs CONVERT TO CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_520_ci, ALGORITHM=INSTANT;\n");
        write("m/V4__default_collation.sql", TIMEOUT + "ALTER TABLE auth_logs CONVERT TO CHARACTER SET utf8mb4;\n");
        write("m/V5__varchar_to_mb4.sql", TIMEOUT + "ALTER TABLE totp_configs CONVERT TO CHARACTER SET utf8mb4;\n");
        write("m/V6__text_to_mb4.sql", TIMEOUT + "ALTER TABLE user_prefs CONVERT TO CHARACTER SET utf8mb4;\n");
        write("m/V7__unknown.sql", TIMEOUT + "ALTER TABLE legacy_sessions CONVERT TO CHARACTER SET utf8mb4;\n");
        write("m/V8__modify_collation.sql", TIMEOUT + "ALTER TABLE auth_logs MODIFY username VARCHAR(100) CHARACTER SET"
                + " utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL, ALGORITHM=INSTANT;\n");
        write("m/V9__modify_mb4.sql", TIMEOUT + "ALTER TABLE totp_configs MODIFY secret CHAR(32) CHARACTER SET"
                + " utf8mb4 NOT NULL, ALGORITHM=INSTANT;\n");
        write("m/V10__modify_latin1.sql", TIMEOUT + "ALTER TABLE user_prefs MODIFY settings TEXT CHARACTER SET"
                + " latin1;\n");
        List<Found> found = lint("mariadb:10.11", dir.resolve("m").toString());

        // measured: ENGINE=InnoDB refuses INSTANT/NOCOPY, accepts INPLACE, LOCK=NONE; the CONVERT itself is a no-op
        // (table-rebuild names the algorithm: ddl-without-algorithm would advise the same)
        assertThat(of(found, "V2__restate.sql")).containsExactlyInAnyOrder("info charset-change",
                "warning table-rebuild");
        assertThat(of(found, "V3__restate_no_engine.sql")).containsExactly("info charset-change");
        // no COLLATE: utf8mb4_general_ci, another collation of an indexed column: NOCOPY, the index is rebuilt
        assertThat(of(found, "V4__default_collation.sql")).containsExactly("warning charset-change");
        // utf8mb3 -> utf8mb4 of CHAR/VARCHAR columns: INSTANT on MariaDB; with a TEXT column: a copy
        assertThat(of(found, "V5__varchar_to_mb4.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V6__text_to_mb4.sql")).containsExactly("error charset-change");
        // a table created without a charset takes the database's: the folder does not say it
        assertThat(of(found, "V7__unknown.sql")).containsExactly("error charset-change");
        assertThat(out.toString()).contains("--schema / --db decides");
        // MODIFY: another collation, and utf8mb3 -> utf8mb4, are no type change; to latin1 it is a copy
        // V4 made auth_logs utf8mb4_general_ci: back to utf8mb4_unicode_520_ci on the indexed username is NOCOPY
        assertThat(of(found, "V8__modify_collation.sql")).containsExactly("warning charset-change");
        assertThat(of(found, "V9__modify_mb4.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V10__modify_latin1.sql")).contains("error change-column-type-rewrite")
                .doesNotContain("info charset-change");
    }

    @Test
    void theDatabaseDefaultAndEarlierConversionsAreFollowed() throws IOException {
        write("m/V0__database.sql", "CREATE DATABASE IF NOT EXISTS auth DEFAULT CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_520_ci;\n");
        write("m/V1__init.sql", CREATE);
        // legacy_sessions took the database's default: converting it to that changes nothing
        write("m/V2__legacy.sql", TIMEOUT + "ALTER TABLE legacy_sessions CONVERT TO CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_520_ci;\n");
        // user_prefs (utf8mb3, a TEXT column) is converted once (a copy), then the same CONVERT again is a no-op
        write("m/V3__prefs.sql", TIMEOUT + "ALTER TABLE user_prefs CONVERT TO CHARACTER SET utf8mb4;\n");
        write("m/V4__prefs_again.sql", TIMEOUT + "ALTER TABLE user_prefs CONVERT TO CHARACTER SET utf8mb4;\n");
        // DEFAULT CHARSET changes what new columns get, not the columns there
        write("m/V5__totp_default.sql", TIMEOUT + "ALTER TABLE totp_configs DEFAULT CHARSET=utf8mb4,"
                + " ALGORITHM=INSTANT;\n");
        write("m/V6__totp_modify.sql", TIMEOUT + "ALTER TABLE totp_configs MODIFY secret CHAR(32) CHARACTER SET"
                + " latin1 NOT NULL;\n");
        List<Found> found = lint("mariadb:10.11", dir.resolve("m").toString());
        assertThat(of(found, "V2__legacy.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V3__prefs.sql")).containsExactly("error charset-change");
        assertThat(of(found, "V4__prefs_again.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V5__totp_default.sql")).isEmpty();
        assertThat(of(found, "V6__totp_modify.sql")).contains("error change-column-type-rewrite");
    }

    @Test
    void aWideningToUtf8mb4IsInstantUnlessAnIndexCoversTheColumn() throws IOException {
        write("m/V1__init.sql", """
                CREATE TABLE webauthn_devices (
                  id INT AUTO_INCREMENT PRIMARY KEY,
                  kid VARCHAR(100) NOT NULL,
                  description TEXT,
                  attestation TEXT,
                  KEY webauthn_devices_kid_idx (kid),
                  KEY webauthn_devices_description_idx (description(50))
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
                """);
        // measured on MariaDB 10.11: the same collation family is INSTANT even indexed
        write("m/V2__kid.sql", TIMEOUT + "ALTER TABLE webauthn_devices MODIFY kid VARCHAR(100) CHARACTER SET utf8mb4"
                + " NOT NULL, ALGORITHM=INSTANT;\n");
        // another family on an indexed VARCHAR: INSTANT refused, NOCOPY rebuilds the index
        write("m/V3__kid_unicode.sql", TIMEOUT + "ALTER TABLE webauthn_devices MODIFY kid VARCHAR(100) CHARACTER SET"
                + " utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL, ALGORITHM=NOCOPY;\n");
        // an unindexed TEXT: INSTANT; a prefix-indexed TEXT: only COPY
        write("m/V4__attestation.sql", TIMEOUT + "ALTER TABLE webauthn_devices MODIFY attestation TEXT CHARACTER SET"
                + " utf8mb4 COLLATE utf8mb4_unicode_ci, ALGORITHM=INSTANT;\n");
        write("m/V5__description.sql", TIMEOUT + "ALTER TABLE webauthn_devices MODIFY description TEXT CHARACTER"
                + " SET utf8mb4;\n");
        List<Found> found = lint("mariadb:10.11", dir.resolve("m").toString());
        assertThat(of(found, "V2__kid.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V3__kid_unicode.sql")).containsExactly("warning charset-change");
        assertThat(of(found, "V4__attestation.sql")).containsExactly("info charset-change");
        assertThat(of(found, "V5__description.sql")).contains("error change-column-type-rewrite")
                .doesNotContain("info charset-change");
    }

    @Test
    void onMySqlAUtf8mb4WideningIsStillACopyAndAnotherEngineIsAnError() throws IOException {
        write("m/V1__init.sql", CREATE);
        write("m/V2__modify_mb4.sql", TIMEOUT + "ALTER TABLE totp_configs MODIFY secret CHAR(32) CHARACTER SET"
                + " utf8mb4 NOT NULL;\n");
        write("m/V3__engine.sql", TIMEOUT + "ALTER TABLE user_prefs ENGINE=MyISAM;\n");
        write("m/V4__force.sql", TIMEOUT + "ALTER TABLE user_prefs FORCE, ALGORITHM=INPLACE, LOCK=NONE;\n");
        List<Found> found = lint("mysql:8.0", dir.resolve("m").toString());
        assertThat(of(found, "V2__modify_mb4.sql")).contains("error change-column-type-rewrite");
        assertThat(of(found, "V3__engine.sql")).contains("error table-rebuild");
        assertThat(of(found, "V4__force.sql")).containsExactly("warning table-rebuild");
    }

    @Test
    void aMysqldumpSchemaGivesTheTableAndColumnEncodings() throws IOException {
        Path schema = write("dump.sql", """
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                /*!40101 SET character_set_client = utf8mb4 */;
                CREATE TABLE `identity_verification` (
                  `id` int(11) NOT NULL AUTO_INCREMENT,
                  `jti` varchar(36) NOT NULL,
                  `token` varchar(512) COLLATE utf8mb4_bin NOT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `identity_verification_jti_key` (`jti`),
                  KEY `identity_verification_token_idx` (`token`(100))
                ) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
                /*!40101 SET character_set_client = @saved_cs_client */;
                """);
        write("m/V2__convert.sql", TIMEOUT + "ALTER TABLE identity_verification CONVERT TO CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_520_ci, ALGORITHM=NOCOPY;\n");
        List<Found> found = lint("mariadb:10.11", "--schema", schema.toString(), dir.resolve("m").toString());
        // token has its own collation (utf8mb4_bin) and an index: the CONVERT changes it, the index is rebuilt
        assertThat(of(found, "V2__convert.sql")).containsExactly("warning charset-change");
        assertThat(out.toString()).contains("token");
    }

    @Test
    @Tag("mariadb")
    void aLiveMariaDbGivesTheEncodingsThroughInformationSchema() throws IOException {
        try (TestDatabase db = TestDatabases.mariadb("lc_")) {
            db.execute("CREATE TABLE auth_logs (id INT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(100) NOT NULL,"
                    + " KEY auth_logs_username_idx (username)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                    + " COLLATE=utf8mb4_unicode_520_ci");
            write("m/V2__restate.sql", TIMEOUT + "ALTER TABLE auth_logs CONVERT TO CHARACTER SET utf8mb4"
                    + " COLLATE utf8mb4_unicode_520_ci, ALGORITHM=INSTANT;\n");
            write("m/V3__latin1.sql", TIMEOUT + "ALTER TABLE auth_logs CONVERT TO CHARACTER SET latin1;\n");
            // the live table is empty, so small: the configuration says it is large
            Path config = write(".strategist.yaml", "tables: {auth_logs: 20000000}\n");
            List<Found> found = lint("mariadb:10.11", "--db", db.jdbcUrl(), "--user", db.user(), "--config",
                    config.toString(), dir.resolve("m").toString());
            assertThat(of(found, "V2__restate.sql")).containsExactly("info charset-change");
            assertThat(of(found, "V3__latin1.sql")).containsExactly("error charset-change");
        }
    }
}
