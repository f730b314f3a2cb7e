package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.statement.LockTables;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The MariaDB swap of a type change runs as one LOCK TABLES window, recorded as one unit. When the window dies after
 * its RENAME took effect, the rerun recognises from the catalog what already took effect, skips it (saying so),
 * runs the rest and ends in State B with every row intact; a catalog that is neither before nor after a statement
 * is refused without a change. MySQL 8 (not installed here) takes the same path; only its COLUMN_DEFAULT spelling
 * differs, and that is not tested.
 */
@Tag("mariadb")
class ApplySwapWindowResumeTest {
    static final String SCHEMA = """
            CREATE TABLE users (
              id bigint PRIMARY KEY,
              name varchar(255) NOT NULL,
              score int NOT NULL DEFAULT 0,
              KEY users_score_idx (score)
            );
            """;
    static final String CHANGE = "ALTER TABLE users MODIFY score bigint NOT NULL DEFAULT 0;";
    static final int ROWS = 3000;
    static final String TRIGGERS = "SELECT trigger_name FROM information_schema.triggers"
            + " WHERE trigger_schema = DATABASE() ORDER BY trigger_name";

    @Test
    void aWindowKilledRightAfterItsRenameIsResumedAndEndsInStateB() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            List<String> window = dev.migrationstrategist.strategy.PlanSteps.unguarded(s.swap().statements());
            int rename = indexOf(window, "RENAME COLUMN");
            // the killed run: its session setting recorded, then the window up to and including the RENAME, then
            // the connection is gone (its table locks with it); nothing more was recorded
            try (Connection killed = db.newConnection(); Statement st = killed.createStatement()) {
                for (String sql : window.subList(0, rename + 1)) {
                    st.execute(sql);
                }
            }
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = 1, attempts = 1"
                    + " WHERE step = " + s.swap().number());
            assertThat(db.columns("users")).contains("score_old").doesNotContain("score_new");

            Watch watch = new Watch();
            ApplyResult rerun = new Applier(s.database(), contract(), watch.log(db, s.swap().number()))
                    .apply(s.plan(), "p");

            assertThat(rerun.complete()).isTrue();
            assertThat(watch.lines().lines).anyMatch(l -> l.contains("DROP TRIGGER IF EXISTS users_sync_score_score_new_ins")
                    && l.contains("already took effect") && l.contains("does not exist"));
            assertThat(watch.lines().lines).anyMatch(l -> l.contains("RENAME COLUMN score TO score_old")
                    && l.contains("already took effect") && l.contains("skipping"));
            assertSwapped(watch);
            assertStateB(db, s);
        }
    }

    @Test
    void aWindowThatFailedAfterItsRenameRunsTheRestOnceTheObstacleIsGone() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            // a trigger of the name the swap creates, with another body: the window stops there, renamed
            db.execute("CREATE TRIGGER users_sync_score_score_old_upd BEFORE UPDATE ON users FOR EACH ROW"
                    + " SET NEW.name = NEW.name");
            StrategistException failed = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(s.database(), contract(), ApplyLog.silent()).apply(s.plan(), "p"));
            assertThat(failed.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(failed.getMessage()).contains("cannot tell whether", "users_sync_score_score_old_upd",
                    "differs from the plan's", "SHOW TRIGGERS").doesNotContain("\n");
            assertThat(db.columns("users")).contains("score_old").doesNotContain("score_new");
            db.execute("INSERT INTO users (id, name, score) VALUES (" + (ROWS + 1) + ", 'after', 5)");

            db.execute("DROP TRIGGER users_sync_score_score_old_upd");
            Watch watch = new Watch();
            assertThat(new Applier(s.database(), contract(), watch.log(db, s.swap().number())).apply(s.plan(), "p")
                    .complete()).isTrue();
            assertThat(watch.lines().lines).anyMatch(l -> l.contains("RENAME COLUMN score TO score_old")
                    && l.contains("already took effect"));
            assertThat(watch.lines().lines).anyMatch(l -> l.contains("CREATE TRIGGER users_sync_score_score_old_ins")
                    && l.contains("already took effect") && l.contains("same definition"));
            assertSwapped(watch);
            assertStateB(db, s);
            assertThat(db.column("SELECT score FROM users WHERE id = " + (ROWS + 1))).containsExactly("5");
        }
    }

    @Test
    void anAmbiguousCatalogIsRefusedWithoutAChange() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            List<String> window = dev.migrationstrategist.strategy.PlanSteps.unguarded(s.swap().statements());
            try (Connection killed = db.newConnection(); Statement st = killed.createStatement()) {
                for (String sql : window.subList(0, indexOf(window, "RENAME COLUMN") + 1)) {
                    st.execute(sql);
                }
            }
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = 1, attempts = 1"
                    + " WHERE step = " + s.swap().number());
            // somebody put score_new back by hand: both names of the RENAME exist (the backfill check passes)
            db.execute("ALTER TABLE users ADD COLUMN score_new bigint", "UPDATE users SET score_new = score");
            List<List<String>> before = catalog(db);
            List<String> triggersBefore = db.column(TRIGGERS);

            StrategistException refused = catchThrowableOfType(StrategistException.class, () ->
                    new Applier(s.database(), contract(), ApplyLog.silent()).apply(s.plan(), "p"));
            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_SAFELY);
            assertThat(refused.getMessage()).contains("cannot tell whether", "RENAME COLUMN score TO score_old",
                    "score_new", "score_old", "(it was not run)").doesNotContain("\n");
            assertThat(catalog(db)).isEqualTo(before);
            assertThat(db.column(TRIGGERS)).isEqualTo(triggersBefore);
            assertThat(db.column("SELECT status FROM strategist_steps WHERE step = " + s.swap().number()))
                    .containsExactly("failed");
            // the window's locks were released: another session writes the table at once
            try (Connection other = db.newConnection(); Statement st = other.createStatement()) {
                st.execute("SET SESSION lock_wait_timeout = 2");
                st.execute("UPDATE users SET name = name WHERE id = 1");
            }
        }
    }

    @Test
    void aRollbackKilledRightAfterItsSwapBackRenameIsResumed() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            int swap = s.swap().number();
            // apply the swap and stop right after it is recorded (the operator stops apply there)
            assertThatThrownBy(() -> new Applier(s.database(), contract(), line -> {
                if (line.startsWith("step " + swap + ": done")) {
                    throw new IllegalStateException("stopped after the swap");
                }
            }).apply(s.plan(), "p")).hasMessageContaining("stopped after the swap");
            assertThat(db.columns("users")).contains("score_old").doesNotContain("score_new");
            // the killed rollback: its swap-back window up to and including the RENAME, then the session is gone
            List<String> back = dev.migrationstrategist.strategy.PlanSteps.unguarded(s.swap().rollback().statements());
            try (Connection killed = db.newConnection(); Statement st = killed.createStatement()) {
                for (String sql : back.subList(0, indexOf(back, "RENAME COLUMN") + 1)) {
                    st.execute(sql);
                }
            }
            assertThat(db.columns("users")).contains("score_new").doesNotContain("score_old");

            ApplyScenario.Log log = new ApplyScenario.Log();
            List<Integer> undone = new Rollbacker(s.database(), ApplyOptions.defaults(), log).rollback(s.plan(), true);

            assertThat(undone).contains(swap);
            assertThat(log.lines).anyMatch(l -> l.contains("rolling back step " + swap)
                    && l.contains("RENAME COLUMN score TO score_new") && l.contains("already took effect"));
            assertThat(log.lines).anyMatch(l -> l.contains("rolling back step " + swap)
                    && l.contains("DROP TRIGGER IF EXISTS users_sync_score_score_old_ins") && l.contains("skipping"));
            // every step undone: back to State A's columns, no trigger left, every row as seeded
            assertThat(db.columns("users")).containsExactlyInAnyOrder("id", "name", "score");
            assertThat(db.column("SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'users' AND column_name = 'score'")).containsExactly("int(11)");
            assertThat(db.column(TRIGGERS)).isEmpty();
            assertThat(db.count("SELECT count(*) FROM users WHERE score <> id * 7 - 10000 OR score IS NULL"))
                    .isZero();
            assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(ROWS);
        }
    }

    /**
     * A window killed right after its DROP TRIGGERs (nothing renamed yet): the app's writes in that gap reach score
     * and not score_new, and its inserts that leave score_new out still succeed (it carries the default). The rerun
     * re-creates the dropped triggers, re-copies the rows that differ, then swaps: no write is lost.
     */
    @Test
    void aWindowKilledAfterItsDropTriggersLosesNoWriteOfTheGap() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            List<Rendered> statements = s.swap().statements();
            int lock = indexOfKind(statements, LockTables.class);
            List<String> window = dev.migrationstrategist.strategy.PlanSteps.unguarded(statements);
            int firstDrop = indexOf(window, "DROP TRIGGER");
            try (Connection killed = db.newConnection(); Statement st = killed.createStatement()) {
                for (String sql : window.subList(indexOf(window, "LOCK TABLES"), firstDrop + 2)) {
                    st.execute(sql);
                }
            }
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = " + lock
                    + ", attempts = 1 WHERE step = " + s.swap().number());
            assertThat(db.column(TRIGGERS)).isEmpty();
            // the app, in the gap: an insert that leaves score_new out, and an update of score
            db.execute("INSERT INTO users (id, name, score) VALUES (" + (ROWS + 1) + ", 'gap', 42)",
                    "UPDATE users SET score = 123 WHERE id = 5");

            Watch watch = new Watch();
            assertThat(new Applier(s.database(), contract(), watch.log(db, s.swap().number())).apply(s.plan(), "p")
                    .complete()).isTrue();

            assertThat(watch.lines().lines).anyMatch(l -> l.contains("CREATE TRIGGER users_sync_score_score_new_ins"));
            assertThat(watch.lines().lines).anyMatch(l -> l.contains("score_new") && l.contains("2 row(s) re-synchronised"));
            assertThat(db.column("SELECT score FROM users WHERE id = 5")).containsExactly("123");
            assertThat(db.column("SELECT score FROM users WHERE id = " + (ROWS + 1))).containsExactly("42");
            assertThat(db.count("SELECT count(*) FROM users WHERE id <= " + ROWS + " AND id <> 5"
                    + " AND score <> id * 7 - 10000")).isZero();
            assertThat(db.column(TRIGGERS)).isEmpty();
        }
    }

    /**
     * A window killed right after its RENAME (no trigger of either layout): the app's writes reach the new score and
     * not score_old. The rerun finishes the window and re-copies score into score_old, so the swap back that the
     * rollback runs keeps them.
     */
    @Test
    void aWindowKilledAfterItsRenameResyncsTheAsideColumnSoTheSwapBackLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            Scenario s = upToTheSwap(db);
            List<Rendered> statements = s.swap().statements();
            int lock = indexOfKind(statements, LockTables.class);
            List<String> window = dev.migrationstrategist.strategy.PlanSteps.unguarded(statements);
            try (Connection killed = db.newConnection(); Statement st = killed.createStatement()) {
                for (String sql : window.subList(indexOf(window, "LOCK TABLES"), indexOf(window, "RENAME COLUMN") + 1)) {
                    st.execute(sql);
                }
            }
            db.execute("UPDATE strategist_steps SET status = 'running', statements_done = " + lock
                    + ", attempts = 1 WHERE step = " + s.swap().number());
            db.execute("UPDATE users SET score = 99 WHERE id = 9",
                    "INSERT INTO users (id, name, score) VALUES (" + (ROWS + 2) + ", 'gap', 77)");
            int swap = s.swap().number();
            ApplyScenario.Log log = new ApplyScenario.Log();
            assertThatThrownBy(() -> new Applier(s.database(), contract(), line -> {
                log.info(line);
                if (line.startsWith("step " + swap + ": done")) {
                    throw new IllegalStateException("stopped after the swap");
                }
            }).apply(s.plan(), "p")).hasMessageContaining("stopped after the swap");

            assertThat(log.lines).anyMatch(l -> l.contains("score_old") && l.contains("2 row(s) re-synchronised"));
            assertThat(db.count("SELECT count(*) FROM users WHERE NOT (score_old <=> score)")).isZero();
            List<Integer> undone = new Rollbacker(s.database(), ApplyOptions.defaults(), ApplyLog.silent())
                    .rollback(s.plan(), true);
            assertThat(undone).contains(swap);
            assertThat(db.columns("users")).containsExactlyInAnyOrder("id", "name", "score");
            assertThat(db.column("SELECT score FROM users WHERE id = 9")).containsExactly("99");
            assertThat(db.column("SELECT score FROM users WHERE id = " + (ROWS + 2))).containsExactly("77");
        }
    }

    private static int indexOfKind(List<Rendered> statements, Class<?> kind) {
        for (int i = 0; i < statements.size(); i++) {
            if (kind.isInstance(statements.get(i).statement())) {
                return i;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " in " + statements);
    }

    private record Scenario(Database database, PlanFile plan, SchemaStep swap, Schema stateB) {
    }

    /** State A with rows, then apply through every step before the swap (the swap waits for --confirm-contract). */
    private static Scenario upToTheSwap(TestDatabase db) throws Exception {
        db.execute(SCHEMA.trim().replaceAll(";$", ""));
        db.execute("INSERT INTO users (id, name, score) SELECT seq, CONCAT('n', seq), CAST(seq AS SIGNED) * 7 - 10000"
                + " FROM seq_1_to_" + ROWS);
        PlanResult planned = Strategist.configure().dialect("mariadb:10.11").schemaSql(SCHEMA).load()
                .planSql(CHANGE);
        Path dir = ApplyScenario.tempDir();
        planned.write(dir);
        PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
        SchemaStep swap = plan.steps().stream().filter(st -> st instanceof SchemaStep k
                        && k.sql().stream().anyMatch(q -> q.contains("TO score_old"))).map(SchemaStep.class::cast)
                .findFirst().orElseThrow();
        Database database = ApplyScenario.database(db);
        new Applier(database, ApplyOptions.defaults(), ApplyLog.silent()).apply(plan, "p");
        ApplyResult gate = new Applier(database, ApplyOptions.defaults().withThrough(Phase.CONTRACT),
                ApplyLog.silent()).apply(plan, "p");
        assertThat(gate.stoppedAt()).isEqualTo(swap.number());
        assertThat(db.column(TRIGGERS)).containsExactly("users_sync_score_score_new_ins",
                "users_sync_score_score_new_upd");
        return new Scenario(database, plan, swap, planned.plan().after());
    }

    private static ApplyOptions contract() {
        return ApplyOptions.defaults().withThrough(Phase.CONTRACT).withConfirmContract(true);
    }

    private static int indexOf(List<String> sql, String text) {
        for (int i = 0; i < sql.size(); i++) {
            if (sql.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no statement with " + text + " in " + sql);
    }

    /** The swap's own end state: score is the bigint with the default, score_old follows it by trigger. */
    private static void assertSwapped(Watch watch) {
        assertThat(watch.afterSwap()).as("catalog right after the swap step").containsExactlyInAnyOrder(
                Arrays.asList("id", "bigint(20)", "NO", null),
                Arrays.asList("name", "varchar(255)", "NO", null),
                Arrays.asList("score", "bigint(20)", "NO", "0"),
                Arrays.asList("score_old", "int(11)", "YES", "0")); // keeps its default: no insert ever fails
        assertThat(watch.triggersAfterSwap()).containsExactly("users_sync_score_score_old_ins",
                "users_sync_score_score_old_upd");
    }

    /** The plan's State B (the users table; the state tables aside), no trigger left, every seeded row intact. */
    private static void assertStateB(TestDatabase db, Scenario s) {
        Schema live = new PlanExecution(db).catalog();
        Schema users = new Schema(live.tables().stream().filter(t -> t.name().name().equals("users")).toList(),
                live.enums(), live.domains());
        assertThat(SchemaMatch.catalog(users, s.stateB(), true)).as("catalog State B")
                .isEqualTo(SchemaMatch.model(s.stateB(), true));
        assertThat(db.column(TRIGGERS)).isEmpty();
        assertThat(db.column("SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'users' AND column_name = 'score'")).containsExactly("bigint(20)");
        assertThat(db.count("SELECT count(*) FROM users WHERE id <= " + ROWS)).isEqualTo(ROWS);
        assertThat(db.count("SELECT count(*) FROM users WHERE id <= " + ROWS + " AND (score <> id * 7 - 10000"
                + " OR name <> CONCAT('n', id))")).isZero();
    }

    private static List<List<String>> catalog(TestDatabase db) {
        return db.rows("SELECT column_name, column_type, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = 'users' ORDER BY column_name");
    }

    /** apply's lines, and the catalog right after the swap step (read when apply logs that it is done). */
    private record Watch(ApplyScenario.Log lines, List<List<String>> afterSwap, List<String> triggersAfterSwap) {
        Watch() {
            this(new ApplyScenario.Log(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        ApplyLog log(TestDatabase db, int swap) {
            return line -> {
                System.out.println("apply: " + line);
                lines.info(line);
                if (line.startsWith("step " + swap + ": done")) {
                    afterSwap.addAll(catalog(db));
                    triggersAfterSwap.addAll(db.column(TRIGGERS));
                }
            };
        }
    }
}
