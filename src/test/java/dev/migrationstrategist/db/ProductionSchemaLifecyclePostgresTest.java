package dev.migrationstrategist.db;

import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.testing.OldServers;
import dev.migrationstrategist.testing.ProductionSchema;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan, apply and roll back the changes teams make most (rename, type change, create index, add foreign key) on the
 * production-shaped schema ({@link ProductionSchema}: keyword-named columns, indexes of every form on the changed
 * columns, a view, a trigger with a WHEN clause, deliberate NOT VALID constraints, partitioned tables of each kind,
 * filler tables with foreign keys) on the real PostgreSQL, State A read from the live catalog.
 * After each apply the catalog holds what the change asked and nothing of the old form; after each rollback the
 * catalog (columns, constraints, indexes, triggers, views; column order aside) and the data are what they were
 * (a rename or type change is rolled back from its last release; after its contract the plan refuses, as it says).
 */
@Tag("postgres")
class ProductionSchemaLifecyclePostgresTest {
    private static final int FILLERS = 40;

    @Test
    void renameAColumnEveryIndexCoversOnThePlainCentralTable() {
        try (TestDatabase db = productionSchema(TestDatabases.postgres("prodlife_"))) {
            rename(db, "postgresql:15");
        }
    }

    /** The same on PostgreSQL 11 (the embedded binaries): its catalog, its DDL, its index and check forms. */
    @Test
    void renameOnPostgres11() {
        try (TestDatabase db = productionSchema(onPostgres11())) {
            rename(db, "postgresql:11");
        }
    }

    @Test
    @Tag("oldservers")
    void widenCreateIndexesAndAddForeignKeysOnPostgres11() {
        try (TestDatabase db = productionSchema(onPostgres11())) {
            widen(db, "postgresql:11");
        }
        try (TestDatabase db = productionSchema(onPostgres11())) {
            createIndexes(db, "postgresql:11");
        }
        try (TestDatabase db = productionSchema(onPostgres11())) {
            addForeignKeys(db, "postgresql:11");
        }
    }

    private static TestDatabase onPostgres11() {
        EmbeddedServer pg11 = OldServers.get("postgresql:11");
        return TestDatabases.postgres("prodlife_", pg11.jdbcUrl(), pg11.user());
    }

    private static void rename(TestDatabase db, String dialect) {
        {
            List<String> before = catalog(db);
            String data = db.column("SELECT md5(string_agg(coalesce(full_name, '-'), ',' ORDER BY id)) FROM users")
                    .get(0);
            String[] sql = {"--sql", "ALTER TABLE users RENAME COLUMN full_name TO display_name"};

            Path plan = ProofRun.planFromDb(db, withDialect(dialect, sql));

            // up to the last release before the contract (copies built, checks validated), then back
            Cli upToSwitch = ProofRun.apply(db, plan, "--through", "app_release_2");
            assertThat(upToSwitch.exitCode()).as(upToSwitch.toString()).isZero();
            db.execute("UPDATE users SET display_name = 'written by v1.2' WHERE id = 1");
            rolledBack(db, plan);
            assertSame(catalog(db), before, "catalog after rollback from the switch");
            assertThat(db.column("SELECT full_name FROM users WHERE id = 1")).containsExactly("written by v1.2");
            db.execute("UPDATE users SET full_name = 'User 1' WHERE id = 1");

            applied(db, plan);
            List<String> after = catalog(db);
            assertThat(after.stream().filter(l -> l.contains("full_name"))).as("no trace of the old column")
                    .isEmpty();
            assertSame(after, before.stream().map(l -> l.replace("full_name", "display_name")).toList(),
                    "everything on full_name is on display_name under the same names, nothing else changed");
            assertThat(db.column("SELECT md5(string_agg(coalesce(display_name, '-'), ',' ORDER BY id)) FROM users"))
                    .containsExactly(data);
            Cli back = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                    "--app-rolled-back");
            assertThat(back.exitCode()).as("the contract is the point of no return: " + back).isEqualTo(1);
            assertThat(back.err()).contains("irreversible").contains("nothing was rolled back");
        }
    }

    @Test
    void widenAKeywordNamedColumnOfTheCentralTable() {
        try (TestDatabase db = productionSchema(TestDatabases.postgres("prodlife_"))) {
            widen(db, "postgresql:15");
        }
    }

    private static void widen(TestDatabase db, String dialect) {
        {
            List<String> before = catalog(db);
            String data = db.column("SELECT md5(string_agg(coalesce(\"unknown\"::text, '-'), ',' ORDER BY id))"
                    + " FROM accounts").get(0);
            Path plan = ProofRun.planFromDb(db, withDialect(dialect, "--sql",
                    "ALTER TABLE accounts ALTER COLUMN \"unknown\" TYPE bigint"));

            // up to the last release before the contract, then back: the integer column was kept current
            Cli upToSwitch = ProofRun.apply(db, plan, "--through", "app_release_2");
            assertThat(upToSwitch.exitCode()).as(upToSwitch.toString()).isZero();
            db.execute("UPDATE accounts SET \"unknown\" = 42 WHERE id = 1");
            rolledBack(db, plan);
            assertSame(catalog(db), before, "catalog after rollback from the switch");
            assertThat(db.column("SELECT \"unknown\"::text FROM accounts WHERE id = 1")).containsExactly("42");
            db.execute("UPDATE accounts SET \"unknown\" = 7 WHERE id = 1");
            assertThat(db.column("SELECT md5(string_agg(coalesce(\"unknown\"::text, '-'), ',' ORDER BY id))"
                    + " FROM accounts")).containsExactly(data);

            // then all the way: only the column's type changed
            applied(db, plan);
            assertThat(db.column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                    + " 'accounts'::regclass AND attname = 'unknown'")).containsExactly("bigint");
            assertThat(db.column("SELECT md5(string_agg(coalesce(\"unknown\"::text, '-'), ',' ORDER BY id))"
                    + " FROM accounts")).containsExactly(data);
            assertSame(catalog(db), before.stream().map(l -> l.equals("column accounts.unknown integer null")
                    ? "column accounts.unknown bigint null" : l).toList(), "only the column's type changed");
            Cli back = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                    "--app-rolled-back");
            assertThat(back.exitCode()).as("after the contract the plan says the swap is final: " + back)
                    .isEqualTo(1);
            assertThat(back.err()).contains("irreversible").contains("nothing was rolled back");
        }
    }

    @Test
    void createIndexesOnTheSubPartitionedAndThePlainTables() {
        try (TestDatabase db = productionSchema(TestDatabases.postgres("prodlife_"))) {
            createIndexes(db, "postgresql:15");
        }
    }

    private static void createIndexes(TestDatabase db, String dialect) {
        {
            List<String> before = catalog(db);
            for (String create : List.of("CREATE INDEX orders_account ON orders (account_id, placed_at DESC)",
                    "CREATE INDEX users_deleted ON users (deleted_at) WHERE deleted_at IS NOT NULL")) {
                Path plan = ProofRun.planFromDb(db, withDialect(dialect, "--sql", create));
                applied(db, plan);
                String name = create.split(" ")[2];
                assertThat(db.count("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                        + " WHERE c.relname = '" + name + "' AND x.indisvalid AND c.relnamespace ="
                        + " current_schema()::regnamespace")).as(name + " valid").isEqualTo(1);
                rolledBack(db, plan);
            }
            long leafPartitions = db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " JOIN pg_class p ON p.oid = i.inhparent WHERE c.relkind = 'r' AND p.relname LIKE 'orders%'"
                    + " AND c.relnamespace = current_schema()::regnamespace");
            assertThat(leafPartitions).isEqualTo(4);
            assertSame(catalog(db), before, "catalog after both rollbacks");
        }
    }

    @Test
    void addForeignKeysFromAPartitionedAndFromAPlainTable() {
        try (TestDatabase db = productionSchema(TestDatabases.postgres("prodlife_"))) {
            addForeignKeys(db, "postgresql:15");
        }
    }

    private static void addForeignKeys(TestDatabase db, String dialect) {
        {
            List<String> before = catalog(db);
            Path partitioned = ProofRun.planFromDb(db, withDialect(dialect, "--sql", "ALTER TABLE orders ADD CONSTRAINT"
                    + " orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)"));
            applied(db, partitioned);
            assertThat(db.count("SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                    + " WHERE k.conname = 'orders_account_fk' AND c.relname = 'orders' AND k.convalidated"))
                    .isEqualTo(1);
            Path plain = ProofRun.planFromDb(db, withDialect(dialect, "--sql", "ALTER TABLE audit_log ADD CONSTRAINT"
                    + " audit_log_row_fk FOREIGN KEY (row_id) REFERENCES accounts (id)"));
            applied(db, plain);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'audit_log_row_fk'"
                    + " AND convalidated AND connamespace = current_schema()::regnamespace")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE NOT convalidated"
                    + " AND connamespace = current_schema()::regnamespace"))
                    .as("the schema's deliberate NOT VALID constraints are left as they were")
                    .isEqualTo(before.stream().filter(l -> l.endsWith(" not valid")).count());

            rolledBack(db, plain);
            rolledBack(db, partitioned);
            assertSame(catalog(db), before, "catalog after both rollbacks");
        }
    }

    private static String[] withDialect(String dialect, String... args) {
        List<String> all = new ArrayList<>(List.of("--dialect", dialect, "--large-table-rows", "1000"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static void applied(TestDatabase db, Path plan) {
        Cli apply = ProofRun.apply(db, plan, "--through", "contract", "--confirm-contract");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        Cli again = ProofRun.apply(db, plan, "--through", "contract", "--confirm-contract");
        assertThat(again.exitCode()).as("a rerun finds everything done: " + again).isZero();
    }

    private static void rolledBack(TestDatabase db, Path plan) {
        Cli back = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", plan.toString(),
                "--app-rolled-back");
        assertThat(back.exitCode()).as(back.toString()).isZero();
    }

    /** Lines only in {@code actual} and lines only in {@code expected}, both empty. */
    private static void assertSame(List<String> actual, List<String> expected, String what) {
        List<String> extra = actual.stream().filter(l -> !expected.contains(l)).toList();
        List<String> missing = expected.stream().filter(l -> !actual.contains(l)).toList();
        assertThat(String.join("\n", extra) + "\n--- missing:\n" + String.join("\n", missing))
                .as(what + ": lines not expected, then --- and lines missing").isEqualTo("\n--- missing:\n");
        assertThat(actual).as(what).hasSameSizeAs(expected);
    }

    /** The schema with rows in its central tables (large enough for the online forms: --large-table-rows 1000). */
    private static TestDatabase productionSchema(TestDatabase db) {
        db.execute(ProductionSchema.postgres(FILLERS));
        db.execute("INSERT INTO accounts (name, \"unknown\", value, region) SELECT 'account ' || g,"
                        + " CASE WHEN g % 4 = 0 THEN NULL ELSE g * 7 END, g, (ARRAY['eu', 'us'])[1 + g % 2]"
                        + " FROM generate_series(1, 3000) g",
                "INSERT INTO users (account_id, email, full_name, tags, \"Nickname\") SELECT 1 + g % 3000,"
                        + " 'u' || g || '@example.com', 'User ' || g, ARRAY['t' || g % 5], 'nick' || g"
                        + " FROM generate_series(1, 3000) g",
                "INSERT INTO orders (id, region, account_id, total) SELECT g, (ARRAY['eu', 'uk', 'us', 'apac',"
                        + " 'latam'])[1 + g % 5], 1 + g % 3000, g FROM generate_series(1, 3000) g",
                "INSERT INTO audit_log (table_name, row_id) SELECT 'accounts', g FROM generate_series(1, 2000) g",
                "ANALYZE");
        return db;
    }

    /**
     * The scope's catalog as sorted lines: columns (type, nullability, default; not their order), constraints
     * ({@code pg_get_constraintdef}, validated or not), indexes ({@code pg_get_indexdef} without the schema), triggers
     * and views; tables and objects of the tool's own state are left out.
     */
    static List<String> catalog(TestDatabase db) {
        String scope = "c.relnamespace = current_schema()::regnamespace AND c.relname NOT LIKE 'strategist%'";
        List<String> lines = new ArrayList<>();
        lines.addAll(db.column("SELECT 'column ' || c.relname || '.' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null'"
                + " END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
                + " AND d.adnum = a.attnum WHERE c.relkind IN ('r', 'p', 'v') AND a.attnum > 0"
                + " AND NOT a.attisdropped AND " + scope));
        lines.addAll(db.column("SELECT 'constraint ' || c.relname || '.' || k.conname || ' '"
                + " || pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE ' not valid' END"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE " + scope));
        lines.addAll(db.column("SELECT 'index ' || replace(pg_get_indexdef(x.indexrelid), current_schema() || '.',"
                + " '') FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid WHERE " + scope));
        lines.addAll(db.column("SELECT 'trigger ' || replace(pg_get_triggerdef(t.oid), current_schema() || '.', '')"
                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND " + scope));
        lines.addAll(db.column("SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid) FROM pg_class c"
                + " WHERE c.relkind IN ('v', 'm') AND " + scope));
        return lines.stream().sorted().toList();
    }
}
