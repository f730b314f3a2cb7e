package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rename-column scenarios, run by the per-server test classes against a real database. */
abstract class RenameColumnExecutionScenarios {

    /** Nullable, with a default, an index, a multi-column index and a unique constraint on the old column. */
    static final String NULLABLE_SCHEMA = """
            CREATE TABLE users (
                id    BIGINT PRIMARY KEY,
                name  VARCHAR(100) DEFAULT 'anon',
                email VARCHAR(100),
                CONSTRAINT users_name_uq UNIQUE (name)
            );
            CREATE INDEX users_name_idx ON users (name);
            CREATE INDEX users_name_email_idx ON users (name, email);
            """;

    /** NOT NULL with a default and a unique index on the old column. */
    static final String NOT_NULL_SCHEMA = """
            CREATE TABLE users (
                id    BIGINT PRIMARY KEY,
                name  VARCHAR(100) NOT NULL DEFAULT 'anon',
                email VARCHAR(100)
            );
            CREATE UNIQUE INDEX users_name_key ON users (name);
            """;

    abstract TestDatabase database();

    /** The full timeline with the writes of v1.0, v1.1 and v1.2 between the steps. */
    void lifecycle(String dialect, String schema, SyncMode sync, int nullEvery) {
        try (TestDatabase db = database()) {
            RenameColumnExecution run = new RenameColumnExecution(db, dialect, schema, sync);
            run.seed(nullEvery);
            run.exec.assertCatalogIs(run.plan.before(), "in State A");
            boolean notNull = nullEvery == 0;

            // Expand; v1.0 and v1.1 run side by side.
            run.exec.run(run.step(Phase.EXPAND, 0));
            assertThat(db.columns("users")).containsSubsequence("name", "full_name");
            run.v10Insert(10_001, "v10-insert");
            run.v10Update(1, "v10-update-1");
            if (!notNull) {
                run.v10Update(nullEvery, "v10-was-null");
                run.v10Insert(10_002, null);
            }
            run.v11Insert(10_003, "v11-insert");
            run.v11Update(2, "v11-update-2");
            if (run.trigger) {
                run.assertBothColumns(false, 10_001, 1, 10_003, 2, nullEvery);
            } else {
                run.assertBothColumns(false, 10_003, 2);
            }

            // Backfill in keyset batches with writes between them, on rows before and after the batch done.
            int batches = run.exec.backfill(run.backfillStep(), n -> {
                if (n == 1) {
                    if (run.trigger) {
                        run.v10Update(3, "v10-after-its-batch");
                        run.v10Update(ROWS_LAST, "v10-before-its-batch");
                    }
                    run.v11Update(4, "v11-mid-backfill");
                    run.v11Insert(10_004, "v11-mid-backfill-insert");
                }
            });
            assertThat(batches).isGreaterThanOrEqualTo(RenameColumnExecution.ROWS / RenameColumnExecution.BATCH);
            assertThat(run.remaining()).isZero();
            run.assertBothColumns(true);

            // Constrain: NOT NULL, indexes, unique constraints, each as its step says.
            for (SchemaStep s : run.steps(Phase.CONSTRAIN)) {
                run.exec.run(s);
            }
            run.v11Insert(10_005, "v11-after-constrain");
            run.v12Insert(10_006, "v12-insert");
            run.v12Update(5, "v12-update-5");
            run.v12Update(10_003, "v12-update-v11-row");
            if (run.trigger) {
                // v1.2 leaves name out; name's default is copied (PostgreSQL and MariaDB fill NOT NULL name from
                // the BEFORE trigger before the NOT NULL check).
                RenameColumnExecution.exec(db, "INSERT INTO users (id) VALUES (?)", 10_007L);
                run.expected.put(10_007L, "anon");
                if (db.family().equals("postgresql") || !notNull) {
                    // On MySQL/MariaDB the NOT NULL step gives full_name its default, and its action says v1.0
                    // must be retired by then (an insert leaving full_name out would get the default).
                    run.v10Insert(10_008, "v10-late-straggler");
                }
            }
            RenameColumnExecution.assertFails(() -> run.v12Insert(10_009, "v12-insert")); // unique on full_name
            run.expected.remove(10_009L);
            run.assertBothColumns(true);
            assertThat(run.remaining()).isZero();
            RenameColumnExecution.exec(db, "DELETE FROM users WHERE id = ?", 10_007L); // 'anon' is unique
            run.expected.remove(10_007L);

            // Contract, once v1.1 is retired.
            for (SchemaStep s : run.steps(Phase.CONTRACT)) {
                run.exec.run(s);
            }
            run.assertOnlyNewColumn();
            run.exec.assertCatalogIs(run.plan.after(), "in State B");
            run.finalInsert(10_010, "after-contract");
            RenameColumnExecution.exec(db, "INSERT INTO users (id) VALUES (?)", 10_011L);
            run.expected.put(10_011L, "anon"); // the default moved to full_name
            RenameColumnExecution.assertFails(() -> run.finalInsert(10_012, "after-contract")); // still unique
            if (notNull) {
                RenameColumnExecution.assertFails(() -> run.finalInsert(10_013, null));
            }
            run.assertOnlyNewColumn();
        }
    }

    static final long ROWS_LAST = RenameColumnExecution.ROWS - 1;

    /** State A, expand, backfill and every constrain step, then each step's rollback SQL in reverse: State A. */
    void rollbackToStateA(String dialect, String schema, SyncMode sync, int nullEvery) {
        try (TestDatabase db = database()) {
            RenameColumnExecution run = new RenameColumnExecution(db, dialect, schema, sync);
            run.seed(nullEvery);
            List<SchemaStep> applied = new ArrayList<>();
            applied.add(run.step(Phase.EXPAND, 0));
            run.exec.run(run.step(Phase.EXPAND, 0));
            run.v11Insert(10_001, "v11");
            run.exec.backfill(run.backfillStep(), n -> { });
            for (SchemaStep s : run.steps(Phase.CONSTRAIN)) {
                run.exec.run(s);
                applied.add(s);
            }
            run.rollBack(applied);
            run.exec.assertCatalogIs(run.plan.before(), "after rolling back to State A");
            assertThat(db.rows("SELECT id, name FROM users ORDER BY id")).extracting(r -> r.get(1))
                    .containsExactlyElementsOf(run.expected.values());
            if (run.trigger) {
                assertThat(db.count(triggerCount(db))).as("sync trigger gone").isZero();
            }
            run.v10Insert(10_002, "v10-after-rollback");
        }
    }

    /** With --sync app there is no trigger, and the switch release says v1.2 keeps writing name. */
    void appSyncPlanHasNoTrigger(String dialect) {
        try (TestDatabase db = database()) {
            RenameColumnExecution run = new RenameColumnExecution(db, dialect, NULLABLE_SCHEMA, SyncMode.APP);
            assertThat(String.join("\n", run.step(Phase.EXPAND, 0).sql())).doesNotContainIgnoringCase("TRIGGER");
            assertThat(String.join("\n", run.release(Phase.APP_RELEASE_2).bullets()))
                    .contains("Keep writing BOTH `full_name` and `name`");
            run.exec.run(run.step(Phase.EXPAND, 0));
            assertThat(db.count(triggerCount(db))).isZero();
        }
    }

    static String triggerCount(TestDatabase db) {
        return db.family().equals("postgresql")
                ? "SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = '" + db.scope() + "' AND NOT g.tgisinternal"
                : "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '" + db.scope() + "'";
    }

    static final String FK_SCHEMA = """
            CREATE TABLE accounts (
                id BIGINT PRIMARY KEY
            );
            CREATE TABLE users (
                id    BIGINT PRIMARY KEY,
                name  BIGINT,
                email VARCHAR(100),
                CONSTRAINT users_name_fk FOREIGN KEY (name) REFERENCES accounts (id) ON DELETE CASCADE
            );
            """;

    /** A foreign key on the old column is rebuilt on the new one, checked, and still cascades after the contract. */
    void foreignKey(String dialect) {
        try (TestDatabase db = database()) {
            RenameColumnExecution run = new RenameColumnExecution(db, dialect, FK_SCHEMA, SyncMode.TRIGGER);
            for (long a = 1; a <= 50; a++) {
                RenameColumnExecution.exec(db, "INSERT INTO accounts (id) VALUES (?)", a);
            }
            for (long id = 1; id <= 500; id++) {
                RenameColumnExecution.exec(db, "INSERT INTO users (id, name) VALUES (?, ?)", id,
                        id % 7 == 0 ? null : id % 50 + 1);
            }
            run.exec.assertCatalogIs(run.plan.before(), "in State A");
            run.exec.run(run.step(Phase.EXPAND, 0));
            run.exec.backfill(run.backfillStep(), n -> { });
            assertThat(run.remaining()).isZero();
            List<SchemaStep> constrain = run.steps(Phase.CONSTRAIN);
            assertThat(constrain).extracting(SchemaStep::action).contains("add_foreign_key");
            for (SchemaStep s : constrain) {
                run.exec.run(s);
                for (String action : s.actions()) {
                    if (action.contains("must return 0")) { // the orphan check the MySQL route asks for
                        String check = action.substring(action.indexOf('`') + 1, action.indexOf('`',
                                action.indexOf('`') + 1));
                        assertThat(db.count(check)).as(check).isZero();
                    }
                }
            }
            // v1.2 writes full_name only: the new key rejects an unknown account.
            RenameColumnExecution.assertFails(() -> RenameColumnExecution.exec(db,
                    "INSERT INTO users (id, full_name) VALUES (?, ?)", 9_001L, 999L));
            for (SchemaStep s : run.steps(Phase.CONTRACT)) {
                run.exec.run(s);
            }
            run.exec.assertCatalogIs(run.plan.after(), "in State B");
            RenameColumnExecution.assertFails(() -> RenameColumnExecution.exec(db,
                    "INSERT INTO users (id, full_name) VALUES (?, ?)", 9_002L, 999L));
            long before = db.count("SELECT count(*) FROM users WHERE full_name = 2");
            assertThat(before).isPositive();
            RenameColumnExecution.exec(db, "DELETE FROM accounts WHERE id = ?", 2L);
            assertThat(db.count("SELECT count(*) FROM users WHERE full_name = 2")).isZero(); // ON DELETE CASCADE
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(500 - before);
        }
    }
}
