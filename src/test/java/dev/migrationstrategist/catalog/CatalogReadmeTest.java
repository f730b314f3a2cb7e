package dev.migrationstrategist.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's catalog table is what the code plans today: the block between {@code <!-- catalog:start -->} and
 * {@code <!-- catalog:end -->} must equal {@link ReadmeCatalog#block()}. {@code -Dreadme.update=true} rewrites it
 * (review the diff).
 */
class CatalogReadmeTest {
    private static final Path README = Path.of("README.md");

    @Test
    void readmeCatalogTableIsWhatTheCodePlans() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String block = ReadmeCatalog.block();
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, ReadmeCatalog.replaceBlock(readme, block), StandardCharsets.UTF_8);
            return;
        }
        assertThat(ReadmeCatalog.currentBlock(readme))
                .as("README.md catalog block differs from the plans; rerun with -Dtest=CatalogReadmeTest"
                        + " -Dreadme.update=true and review the diff")
                .isEqualTo(block);
    }

    @Test
    void statementFormsKeepKeywordsAndDropNamesLiteralsAndLists() {
        assertThat(ReadmeCatalog.form("ALTER TABLE users ADD COLUMN status varchar(20) NOT NULL DEFAULT 'active',"
                + " ALGORITHM=INSTANT, LOCK=NONE;")).isEqualTo("ADD COLUMN NOT NULL DEFAULT (INSTANT)");
        assertThat(ReadmeCatalog.form("ALTER TABLE users RENAME COLUMN a TO b, RENAME COLUMN c TO a,"
                + " ALGORITHM=INPLACE, LOCK=NONE;")).isEqualTo("RENAME COLUMN TO (INPLACE)");
        assertThat(ReadmeCatalog.form("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);"))
                .isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY");
        assertThat(ReadmeCatalog.form("CREATE ALGORITHM=MERGE VIEW purchases AS SELECT id, total FROM orders;"))
                .isEqualTo("CREATE VIEW");
        assertThat(ReadmeCatalog.form("SET lock_timeout = '2s';")).isNull();
        assertThat(ReadmeCatalog.form("ALTER TYPE shipment_state ADD VALUE IF NOT EXISTS 'returned';"))
                .isEqualTo("ALTER TYPE ADD VALUE");
        assertThat(ReadmeCatalog.form("DROP TRIGGER IF EXISTS users_sync ON users;")).isEqualTo("drop sync trigger");
    }
}
