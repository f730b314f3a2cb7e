package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.change.StateAfter;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index copies are exact, on the real servers through the apply API: a table with every index form on a column
 * being renamed and on a column changing type; the plan is made from the live database, applied through the
 * constrain phase, and every index that refers to the old column (read before) is compared with its copy (read
 * after): the same definition up to the column name and the index name. Then either the rest of the plan runs (the
 * type change's copies take the original names: the indexes are exactly the ones before) or the rollback runs (the
 * original indexes are intact, the copies gone).
 */
class IndexCopiesApplyTest {
    private static final String PG_CHANGES = "ALTER TABLE users RENAME COLUMN name TO full_name;"
            + " ALTER TABLE scores ALTER COLUMN score TYPE bigint; ALTER TABLE posts RENAME COLUMN tags TO labels;";
    private static final String MARIADB_CHANGES = "ALTER TABLE users RENAME COLUMN name TO full_name;"
            + " ALTER TABLE scores MODIFY score bigint NOT NULL;";

    @Test
    @Tag("postgres")
    void postgresCopiesEveryIndexExactlyAndTheContractKeepsThem() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("ixc_")) {
            db.execute(IndexForms.postgres(db));
            seedPostgres(db);
            Schema before = CatalogReader.read(db.connection(), db.scope());
            PlanFile plan = plan(db, "postgresql:15", PG_CHANGES);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONSTRAIN), ApplyLog.silent())
                    .apply(plan, "p");
            Schema during = CatalogReader.read(db.connection(), db.scope());
            int copied = assertCopies(before, during, "users", "name", "full_name")
                    + assertCopies(before, during, "scores", "score", "score_new")
                    + assertCopies(before, during, "posts", "tags", "labels");
            assertThat(copied).isGreaterThanOrEqualTo(19);

            new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true),
                    ApplyLog.silent()).apply(plan, "p");
            Schema after = CatalogReader.read(db.connection(), db.scope());
            // the type change's copies took the old names, on the column that took the old name: as before
            assertThat(IndexForms.indexes(after, "scores")).isEqualTo(IndexForms.indexes(before, "scores"));
            // the rename's copies end under the originals' names, the column's name replaced where it was a word
            // of the name (u_name_lower -> u_full_name_lower); the copy of u_email_pred, built beside it as
            // u_email_pred_full_name, took its name back at the contract
            assertThat(IndexForms.indexes(after, "users")).extracting(i -> i.name().name())
                    .contains("u_full_name_lower", "u_email_pred", "u_note")
                    .doesNotContain("u_email_pred_full_name");
        }
    }

    @Test
    @Tag("postgres")
    void postgresRollbackLeavesTheOriginalIndexesIntact() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("ixr_")) {
            db.execute(IndexForms.postgres(db));
            seedPostgres(db);
            Schema before = CatalogReader.read(db.connection(), db.scope());
            PlanFile plan = plan(db, "postgresql:15", PG_CHANGES);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONSTRAIN), ApplyLog.silent())
                    .apply(plan, "p");
            new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true);
            Schema after = CatalogReader.read(db.connection(), db.scope());
            for (String table : List.of("users", "scores", "posts")) {
                assertThat(IndexForms.indexes(after, table)).as(table).isEqualTo(IndexForms.indexes(before, table));
            }
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbCopiesEveryIndexExactlyAndRollbackLeavesTheOriginals() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("ixc_")) {
            db.execute(IndexForms.mariadbOnline());
            db.execute("INSERT INTO users (id, name, email, bio) VALUES (1, 'ann', 'a@x', 'hello'),"
                            + " (2, 'bob', NULL, 'world')",
                    "INSERT INTO scores VALUES (1, 10, 'a'), (2, 20, 'b')");
            Schema before = CatalogReader.read(db.connection(), db.scope());
            PlanFile plan = plan(db, "mariadb:10.11", MARIADB_CHANGES);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONSTRAIN), ApplyLog.silent())
                    .apply(plan, "p");
            Schema during = CatalogReader.read(db.connection(), db.scope());
            int copied = assertCopies(before, during, "users", "name", "full_name")
                    + assertCopies(before, during, "scores", "score", "score_new");
            assertThat(copied).isEqualTo(8);

            new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true);
            Schema after = CatalogReader.read(db.connection(), db.scope());
            for (String table : List.of("users", "scores")) {
                assertThat(IndexForms.indexes(after, table)).as(table).isEqualTo(IndexForms.indexes(before, table));
            }
        }
    }

    /**
     * Every index of {@code table} that refers to {@code from} has a copy in {@code during}, equal to it with the
     * column renamed (keys, expressions, INCLUDE, predicate) under the copy's name; returns how many.
     */
    private static int assertCopies(Schema before, Schema during, String table, String from, String to) {
        Ident f = Ident.of(from);
        Ident t = Ident.of(to);
        List<Index> originals = IndexForms.indexes(before, table).stream().filter(i -> i.covers(f)).toList();
        assertThat(originals).as("indexes on " + table + "." + from).isNotEmpty();
        for (Index original : originals) {
            Index expected = StateAfter.renamedIndex(original, f, t);
            Index copy = IndexForms.index(during, table, expected.name().name());
            assertThat(copy).as("copy of " + original.name()).isEqualTo(expected);
            assertThat(copy.covers(t)).isTrue();
            assertThat(copy.covers(f)).as(copy.name() + " still refers to " + from).isFalse();
            // the original is still there, unchanged
            assertThat(IndexForms.index(during, table, original.name().name())).isEqualTo(original);
        }
        return originals.size();
    }

    private static void seedPostgres(TestDatabase db) {
        db.execute("INSERT INTO users SELECT g, 'n' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'e' || g END, NULL"
                        + " FROM generate_series(1, 200) g",
                "INSERT INTO scores SELECT g, g - 50, CASE WHEN g % 2 = 0 THEN 'n' || g END FROM generate_series(1, 200) g",
                "INSERT INTO posts SELECT g, 't' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE ARRAY['a' || g, 'b'] END"
                        + " FROM generate_series(1, 200) g");
    }

    private static PlanFile plan(TestDatabase db, String dialect, String changes) {
        // sized as large tables, so that each change takes its online route (new column, backfill, copies)
        PlanResult result = Strategist.configure().dialect(dialect).liveDatabase(ApplyScenario.database(db))
                .rows("users", 10_000_000).rows("scores", 10_000_000).rows("posts", 10_000_000).load()
                .planSql(changes);
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }
}
