package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.migrationstrategist.error.StrategistException;

/**
 * What happens when things go wrong: a concurrent unique-index build that fails leaves an INVALID index that the
 * rerun drops and rebuilds; dry runs touch nothing; rollback undoes what was applied and refuses what cannot be.
 */
@Tag("postgres")
class ApplyRecoveryAndRollbackTest {
    static final String SCHEMA = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL);
            CREATE UNIQUE INDEX users_name_key ON users (name);
            """;

    @Test
    void aFailedConcurrentIndexBuildIsDroppedAndRebuiltOnTheRerun() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL)",
                    "CREATE UNIQUE INDEX users_name_key ON users (name)",
                    "INSERT INTO users SELECT g, 'n' || g, 'e' || g FROM generate_series(1, 2000) g");
            PlanFile plan = plan(db);
            ApplyScenario.Log log = new ApplyScenario.Log();
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults(), log).apply(plan, "p");
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.BACKFILL), log).apply(plan, "p");
            // full_name is not unique yet; make it collide the way a buggy writer might (name stays unique)
            db.execute("ALTER TABLE users DISABLE TRIGGER USER",
                    "UPDATE users SET full_name = 'dup' WHERE id IN (1, 2)",
                    "ALTER TABLE users ENABLE TRIGGER USER");
            StrategistException failed = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONSTRAIN), log).apply(plan, "p"));
            assertThat(failed.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(failed.getMessage()).contains("could not create unique index", "INVALID index it left was"
                    + " dropped");
            assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname = 'users_full_name_key'")).isZero();
            assertThat(db.column("SELECT status FROM strategist_steps WHERE step = 4")).containsExactly("failed");

            // An earlier build that died (say, the server restarted) left an INVALID index of the same name.
            try {
                db.execute("CREATE UNIQUE INDEX CONCURRENTLY users_full_name_key ON users (full_name)");
            } catch (IllegalStateException expected) {
                assertThat(expected.getMessage()).contains("could not create unique index");
            }
            assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_full_name_key'::regclass"))
                    .containsExactly("f");
            db.execute("UPDATE users SET full_name = name WHERE id IN (1, 2)");
            ApplyResult rerun = new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONSTRAIN), log)
                    .apply(plan, "p");
            assertThat(rerun.ran()).contains(4);
            assertThat(log.contains("INVALID")).isTrue();
            assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_full_name_key'::regclass"))
                    .containsExactly("t");
        }
    }

    @Test
    void aDryRunPrintsTheStatementsAndTouchesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 100);
            Path file = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyResult result = new Applier(ApplyScenario.database(db), ApplyOptions.defaults()
                    .withThrough(Phase.CONTRACT).withDryRun(true), log).apply(PlanFile.read(file), "p");
            assertThat(result.ran()).containsExactly(1, 2, 3, 4);
            assertThat(result.stoppedAt()).isEqualTo(5);
            assertThat(log.lines).contains("BEGIN;", "SET lock_timeout = '2s';",
                    "ALTER TABLE users ADD COLUMN full_name VARCHAR(255);", "COMMIT;");
            assertThat(log.contains("UPDATE users SET full_name = name WHERE id > :last_id")).isTrue();
            // the backfill session's settings, printed before its batches in the order they run
            int timeout = log.lines.lastIndexOf("SET lock_timeout = '2s';");
            assertThat(log.lines.indexOf("SET synchronous_commit = off;")).isEqualTo(timeout + 1);
            assertThat(log.lines.stream().filter(l -> l.startsWith("UPDATE users SET full_name")).findFirst()
                    .map(log.lines::indexOf).orElseThrow()).isGreaterThan(timeout + 1);
            assertThat(db.columns("users")).doesNotContain("full_name");
            assertThat(db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                    + " AND table_name LIKE 'strategist%'")).isZero();
        }
    }

    @Test
    void rowsWrittenBehindTheBatchesWithoutTheSyncGetOneMorePass() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            PlanFile plan = seededRenamePlan(db);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults(), ApplyLog.silent()).apply(plan, "p"); // the expand
            ApplyScenario.Log log = new ApplyScenario.Log();
            // when the last batch is done, rows already behind the batches change without the sync trigger
            ApplyLog bypass = line -> {
                log.info(line);
                if (line.contains("rows updated in") && !log.contains("one more pass")) {
                    db.execute("ALTER TABLE users DISABLE TRIGGER USER",
                            "UPDATE users SET name = 'behind-' || id WHERE id <= 10",
                            "ALTER TABLE users ENABLE TRIGGER USER");
                }
            };
            ApplyResult result = new Applier(database, ApplyOptions.defaults().withThrough(Phase.BACKFILL), bypass)
                    .apply(plan, "p");

            assertThat(result.ran()).contains(3);
            assertThat(log.lines).anyMatch(l -> l.contains("10 rows of users differ behind the batches")
                    && l.contains("one more pass"));
            assertThat(db.count("SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name")).isZero();
            assertThat(db.count("SELECT count(*) FROM users WHERE id <= 10 AND full_name = 'behind-' || id"))
                    .isEqualTo(10);
        }
    }

    /**
     * With --sync app the rename's old column is retired by the third release, so its backfill check gives way to the
     * contract's own; a type change in the same plan is trigger-synced and keeps its check: a drift there still
     * stops the contract (before, one --sync app release switched off every backfill's check).
     */
    @Test
    void aRetiredRenameDoesNotSwitchOffTheCheckOfAnotherBackfillInThePlan() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String schema = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(255),"
                    + " score int NOT NULL DEFAULT 0)";
            db.execute(schema, "INSERT INTO users SELECT g, 'n' || g, g FROM generate_series(1, 500) g");
            Path dir = ApplyScenario.tempDir();
            Strategist.configure().dialect("postgresql:15").schemaSql(schema + ";")
                    .sync(dev.migrationstrategist.plan.SyncMode.APP).load()
                    .plan(java.util.List.of("rename column users.name to full_name",
                            "change type of users.score to bigint"), java.util.List.of()).write(dir);
            PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_3), ApplyLog.silent())
                    .apply(plan, "p");
            // v1.3 writes full_name only (name differs by design); score is changed around its sync trigger
            db.execute("UPDATE users SET full_name = 'v1.3 wrote this' WHERE id = 3",
                    "ALTER TABLE users DISABLE TRIGGER USER", "UPDATE users SET score = -1 WHERE id = 7",
                    "ALTER TABLE users ENABLE TRIGGER USER");

            StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true),
                            ApplyLog.silent()).apply(plan, "p"));

            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(refused.getMessage())
                    .contains("1 rows of users still differ", "score_new IS DISTINCT FROM score")
                    .doesNotContain("full_name");
            assertThat(db.columns("users")).contains("name", "full_name", "score", "score_new");
        }
    }

    @Test
    void rollbackUndoesAppliedStepsAndRefusesPastAReleaseOrAContract() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ApplyScenario.seed(db, 500);
            Path file = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            PlanFile plan = PlanFile.read(file);
            Database database = ApplyScenario.database(db);
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.BACKFILL), ApplyLog.silent())
                    .apply(plan, "p");
            assertThat(db.columns("users")).contains("full_name");

            StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                    new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, false));
            assertThat(refused.getMessage()).contains("released v1.1", "--app-rolled-back", "nothing was rolled back");
            assertThat(db.columns("users")).contains("full_name");

            assertThat(new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true))
                    .containsExactly(3, 2, 1);
            assertThat(db.columns("users")).containsExactly("id", "name", "email", "created_at");
            assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'users'::regclass"
                    + " AND NOT tgisinternal")).isZero();
            assertThat(db.column("SELECT DISTINCT status FROM strategist_steps WHERE step <= 3"))
                    .containsExactly("rolled_back");

            // apply everything, then a rollback must refuse: the contract dropped name
            new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true),
                    ApplyLog.silent()).apply(plan, "p");
            StrategistException irreversible = catchThrowableOfType(StrategistException.class, () ->
                    new Rollbacker(database, ApplyOptions.defaults(), ApplyLog.silent()).rollback(plan, true));
            assertThat(irreversible.getMessage()).contains("irreversible", "nothing was rolled back");
            assertThat(db.columns("users")).contains("full_name").doesNotContain("name");
        }
    }

    private static PlanFile plan(TestDatabase db) throws Exception {
        PlanResult result = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load()
                .plan("ALTER TABLE users RENAME COLUMN name TO full_name");
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    /** State A with 2,000 rows and the rename plan, read back from its JSON as apply reads it. */
    private static PlanFile seededRenamePlan(TestDatabase db) {
        ApplyScenario.seed(db, 2_000);
        return PlanFile.read(ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir()));
    }
}
