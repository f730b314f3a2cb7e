package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live catalog reader and the DDL reader give EQUAL index models for the same indexes: every form is created on
 * the real server, read from the catalog, dumped ({@code pg_dump -s}, {@code mariadb-dump --no-data}), the dump
 * read as a file, and the two models compared index by index; a few values are checked outright so that both
 * readers cannot agree on leaving something out.
 */
class IndexReadersAgreeTest {
    @Test
    @Tag("postgres")
    void postgresCatalogAndPgDumpGiveEqualIndexes() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("ix_")) {
            db.execute(IndexForms.postgres(db));
            Schema live = CatalogReader.read(db.connection(), db.scope());
            String dump = IndexForms.pgDump(db);
            Schema file = new SchemaReader(Dialects.parse("postgresql:15")).read(dump, "dump.sql");
            for (String table : List.of("users", "scores", "posts")) {
                assertThat(IndexForms.indexes(file, table)).as(table).isEqualTo(IndexForms.indexes(live, table));
            }
            // plan --db --to <its own dump>: nothing differs (an expression index is no "changed definition")
            java.nio.file.Path to = ApplyScenario.tempDir().resolve("to.sql");
            java.nio.file.Files.writeString(to, dump);
            dev.migrationstrategist.cli.Cli same = dev.migrationstrategist.cli.Cli.run(List.of("plan", "--print", "none",
                    "--out", ApplyScenario.tempDir().toString(), "--db", db.jdbcUrl(), "--user", db.user(), "--to",
                    to.toString()));
            assertThat(same.err()).as(same.toString()).contains("State B equals State A; nothing to plan");
            // ... while a key that lost its DESC is one
            java.nio.file.Files.writeString(to, dump.replace("(name DESC NULLS LAST)", "(name NULLS LAST)"));
            dev.migrationstrategist.cli.Cli changed = dev.migrationstrategist.cli.Cli.run(List.of("plan", "--print",
                    "none", "--out", ApplyScenario.tempDir().toString(), "--db", db.jdbcUrl(), "--user", db.user(),
                    "--to", to.toString()));
            assertThat(changed.err()).as(changed.toString()).contains("index u_name_desc changes its definition");
            Index desc = IndexForms.index(live, "users", "u_name_desc");
            assertThat(desc.keys()).containsExactly(new IndexKey(Ident.of("name"), null, null, List.of(), null, true,
                    "LAST", null));
            assertThat(IndexForms.index(live, "users", "u_name_lower").keys().get(0).expression())
                    .isEqualTo("lower((name)::text)");
            assertThat(IndexForms.index(live, "users", "u_name_lower").columns()).containsExactly(Ident.of("name"));
            assertThat(IndexForms.index(live, "users", "u_name_pattern").keys().get(0).opclass())
                    .isEqualTo("varchar_pattern_ops");
            assertThat(IndexForms.index(live, "users", "u_name_coll").keys().get(0).collation()).isEqualTo("\"C\"");
            assertThat(IndexForms.index(live, "users", "u_email_incl").include())
                    .containsExactly(Ident.of("name"), Ident.of("note"));
            assertThat(IndexForms.index(live, "users", "u_email_pred").where())
                    .isEqualTo("((name)::text <> 'x'::text) AND (note IS NULL)");
            if (IndexForms.nullsNotDistinct(db)) {
                assertThat(IndexForms.index(live, "users", "u_name_nnd").nullsNotDistinct()).isTrue();
            }
            Index hash = IndexForms.index(live, "users", "u_name_hash");
            assertThat(hash.method()).isEqualTo("hash");
            assertThat(hash.with()).containsExactly("fillfactor=70");
            assertThat(IndexForms.index(live, "posts", "p_tags_first").keys().get(0).expression())
                    .isEqualTo("(tags[1])");
            assertThat(IndexForms.index(live, "posts", "p_tags_nonempty").covers(Ident.of("tags"))).isTrue();
            if (db.count("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'") > 0) {
                IndexKey gist = IndexForms.index(live, "users", "u_name_gist").keys().get(0);
                assertThat(gist.opclass()).isEqualTo("public.gist_trgm_ops");
                assertThat(gist.opclassParams()).containsExactly("siglen=32");
            }
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbCatalogAndDumpGiveEqualIndexes() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("ix_")) {
            db.execute(IndexForms.mariadb());
            Schema live = CatalogReader.read(db.connection(), db.scope());
            Schema file = new SchemaReader(Dialects.parse("mariadb:10.11")).read(IndexForms.mariadbDump(db),
                    "dump.sql");
            for (String table : List.of("users", "scores")) {
                assertThat(IndexForms.indexes(file, table)).as(table).isEqualTo(IndexForms.indexes(live, table));
            }
            assertThat(IndexForms.index(live, "users", "u_name_desc").keys().get(0).descending()).isTrue();
            assertThat(IndexForms.index(live, "users", "u_name_prefix").keys().get(0).prefixLength()).isEqualTo(10);
            assertThat(IndexForms.index(live, "users", "u_name_ft").method()).isEqualTo("fulltext");
            assertThat(IndexForms.index(live, "users", "u_g").method()).isEqualTo("spatial");
            assertThat(IndexForms.index(live, "users", "u_g").keys()).isEmpty(); // no prefix, though STATISTICS has 32
            assertThat(IndexForms.index(live, "users", "u_name_ignored").invisible()).isTrue();
            assertThat(IndexForms.index(live, "users", "u_email_name").keys().get(1))
                    .isEqualTo(new IndexKey(Ident.of("name"), null, null, List.of(), null, true, null, 20));
        }
    }
}
