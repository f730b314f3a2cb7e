package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A statement the server finished after the client was gone (a kill while it waited for its lock, or right after it
 * committed) is found in the catalog by the rerun and skipped, so the rerun gets through without hand edits; and two
 * plans of the same change never adopt or drop each other's objects.
 */
class ApplyResumeByCatalogTest {
    static final String NOT_NULL_SCHEMA = """
            CREATE TABLE items (
                id BIGINT PRIMARY KEY,
                qty INT
            );
            """;

    /** PostgreSQL 12+: ADD CONSTRAINT ... NOT VALID committed by a dead run; the rerun skips it and finishes. */
    @Test
    @Tag("postgres")
    void postgresNotValidCheckThatAlreadyTookEffectIsSkipped() {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT)",
                    "INSERT INTO items SELECT g, g FROM generate_series(1, 500) g");
            PlanFile plan = plan("postgresql:15", NOT_NULL_SCHEMA, "ALTER TABLE items ALTER COLUMN qty SET NOT NULL;");
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThat(step.transactional()).isFalse();
            Database database = ApplyScenario.database(db);
            ApplyResult first = new Applier(database, ApplyOptions.defaults().withThrough(Phase.EXPAND),
                    ApplyLog.silent()).apply(plan, "p");
            assertThat(first.complete()).isFalse();
            // the dead run: its lock timeout and the NOT VALID check reached the server; only the first was recorded
            db.execute(step.sql().get(0), step.sql().get(1));
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = 1, attempts = 1"
                    + " WHERE step = 1");

            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyResult rerun = new Applier(database, ApplyOptions.defaults(), log).apply(plan, "p");

            assertThat(rerun.complete()).isTrue();
            assertThat(log.lines).anyMatch(l -> l.contains("ADD CONSTRAINT") && l.contains("already took effect"));
            assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                    + " AND attname = 'qty' AND attnotnull")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'items'::regclass"
                    + " AND contype = 'c'")).isZero();
        }
    }

    /** MariaDB: ADD COLUMN finished by the server after the client died; the rerun skips it (was: Duplicate column). */
    @Test
    @Tag("mariadb")
    void mariadbAddColumnThatAlreadyTookEffectIsSkipped() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            ApplyScenario.seed(db, 200);
            PlanFile plan = PlanFile.read(ApplyScenario.writePlan("mariadb:10.11", ApplyScenario.tempDir()));
            SchemaStep expand = (SchemaStep) plan.steps().get(0);
            Database database = ApplyScenario.database(db);
            // register the plan, then the dead run: lock timeout recorded, ADD COLUMN done by the server
            registerOnly(database, plan);
            db.execute(expand.sql().get(0), expand.sql().get(1));
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = 1, attempts = 1"
                    + " WHERE step = 1");

            ApplyScenario.Log log = new ApplyScenario.Log();
            ApplyResult rerun = new Applier(database, ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_1), log)
                    .apply(plan, "p");

            assertThat(rerun.ran()).contains(1);
            assertThat(log.lines).anyMatch(l -> l.contains("ADD COLUMN full_name") && l.contains("already took effect"));
            assertThat(db.column("SELECT trigger_name FROM information_schema.triggers"
                    + " WHERE trigger_schema = DATABASE() ORDER BY trigger_name")).hasSize(2);
            db.execute("INSERT INTO users (id, name, email) VALUES (100000, 'synced', 'x@example.com')");
            assertThat(db.column("SELECT full_name FROM users WHERE id = 100000")).containsExactly("synced");
        }
    }

    /**
     * The same change planned twice (two plan ids): the second plan's expand fails on the first's column; rolling the
     * second back touches nothing of the first (PostgreSQL: its step never committed).
     */
    @Test
    @Tag("postgres")
    void postgresRollbackOfASecondPlanLeavesTheFirstPlansColumn() {
        try (TestDatabase db = TestDatabases.postgres()) {
            twoPlansOfOneChange(db, "postgresql:15");
        }
    }

    /** MariaDB: the second plan refuses to adopt the first's column, and its rollback touches nothing of it. */
    @Test
    @Tag("mariadb")
    void mariadbSecondPlanRefusesTheFirstPlansObjectsAndItsRollbackTouchesNothing() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            twoPlansOfOneChange(db, "mariadb:10.11");
        }
    }

    private static void twoPlansOfOneChange(TestDatabase db, String dialect) {
        ApplyScenario.seed(db, 300);
        Database database = ApplyScenario.database(db);
        PlanFile a = PlanFile.read(ApplyScenario.writePlan(dialect, ApplyScenario.tempDir()));
        Path dirB = ApplyScenario.tempDir();
        Strategist.configure().dialect(dialect).schemaSql(ApplyScenario.SCHEMA).batchSize(5000).load()
                .planSql(ApplyScenario.RENAME).write(dirB);
        PlanFile b = PlanFile.read(dirB.resolve(dev.migrationstrategist.api.PlanResult.JSON_FILE));
        assertThat(b.id()).isNotEqualTo(a.id());

        new Applier(database, ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_1), ApplyLog.silent())
                .apply(a, "a");
        // first line of defence: the database is no longer the State A plan B was made from
        StrategistException notStateA = catchThrowableOfType(() -> new Applier(database,
                ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_1), ApplyLog.silent()).apply(b, "b"),
                StrategistException.class);
        assertThat(notStateA.getMessage()).contains("full_name");
        // second line, tested here on its own (that check off): plan B never adopts or drops plan A's objects
        StrategistException failed = catchThrowableOfType(() -> new Applier(database,
                ApplyOptions.defaults().withThrough(Phase.APP_RELEASE_1).withCheckStateA(false), ApplyLog.silent())
                .apply(b, "b"), StrategistException.class);
        assertThat(failed.code()).isEqualTo(ErrorCode.FAILED_SAFELY);

        ApplyScenario.Log log = new ApplyScenario.Log();
        List<Integer> undone = new Rollbacker(database, ApplyOptions.defaults(), log).rollback(b, true);

        assertThat(undone).containsExactly(1);
        assertThat(log.lines).anyMatch(l -> l.contains("took no effect"));
        assertThat(db.columns("users")).contains("full_name", "name");
        // plan A's sync trigger still copies every write
        db.execute("UPDATE users SET name = 'still-synced' WHERE id = 7");
        assertThat(db.column("SELECT full_name FROM users WHERE id = 7")).containsExactly("still-synced");
        for (Step s : a.steps()) {
            assertThat(s.number()).isPositive();
        }
    }

    private static PlanFile plan(String dialect, String schema, String change) {
        Path dir = ApplyScenario.tempDir();
        Strategist.configure().dialect(dialect).schemaSql(schema).load().planSql(change).write(dir);
        return PlanFile.read(dir.resolve(dev.migrationstrategist.api.PlanResult.JSON_FILE));
    }

    /** Registers the plan in the state tables the way apply does before its first step, and nothing else. */
    private static void registerOnly(Database database, PlanFile plan) {
        try (var c = database.connect()) {
            StateStore state = new StateStore(c, Database.dialectOf(c));
            state.ensureTables();
            state.register(plan, "p");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
