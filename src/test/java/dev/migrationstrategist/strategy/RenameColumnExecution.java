package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives a rename-column plan through a real server, step by step, with the writes each app version makes in
 * between, and checks the rows and the catalog at every point. Shared by the PostgreSQL and MariaDB test classes.
 */
final class RenameColumnExecution {
    static final int ROWS = 5_000;
    static final int BATCH = 1_000;

    final TestDatabase db;
    final PlanExecution exec;
    final Plan plan;
    final boolean trigger;
    /** id -> the value the row must hold in name (and full_name while both exist). */
    final Map<Long, String> expected = new TreeMap<>();

    RenameColumnExecution(TestDatabase db, String dialect, String schemaSql, SyncMode sync) {
        this.db = db;
        this.exec = new PlanExecution(db);
        this.trigger = sync == SyncMode.TRIGGER;
        this.plan = Strategist.configure().dialect(dialect).schemaSql(schemaSql).batchSize(BATCH).sync(sync).load()
                .planSql("ALTER TABLE users RENAME COLUMN name TO full_name;").plan();
        for (String ddl : schemaSql.split(";")) {
            if (!ddl.isBlank()) {
                db.execute(ddl);
            }
        }
    }

    /** Seeds ROWS rows; every {@code nullEvery}-th name is NULL (0: none). */
    void seed(int nullEvery) {
        try (Connection c = db.newConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email) VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long id = 1; id <= ROWS; id++) {
                String name = nullEvery > 0 && id % nullEvery == 0 ? null : "name-" + id;
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.setString(3, "u" + id + "@example.com");
                ps.addBatch();
                expected.put(id, name);
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    SchemaStep step(Phase phase, int i) {
        return (SchemaStep) plan.stepsIn(phase).get(i);
    }

    List<SchemaStep> steps(Phase phase) {
        return PlanExecution.schemaSteps(plan, phase);
    }

    BackfillStep backfillStep() {
        return (BackfillStep) plan.stepsIn(Phase.BACKFILL).get(0);
    }

    AppReleaseStep release(Phase phase) {
        return (AppReleaseStep) plan.stepsIn(phase).get(0);
    }

    // ---- writes as each app version makes them -------------------------------------------------------------

    void v10Insert(long id, String name) {
        write("INSERT INTO users (id, name) VALUES (?, ?)", name, id, true);
        expected.put(id, name);
    }

    void v10Update(long id, String name) {
        write("UPDATE users SET name = ? WHERE id = ?", name, id, false);
        expected.put(id, name);
    }

    void v11Insert(long id, String name) {
        exec(db, "INSERT INTO users (id, name, full_name) VALUES (?, ?, ?)", id, name, name);
        expected.put(id, name);
    }

    void v11Update(long id, String name) {
        exec(db, "UPDATE users SET name = ?, full_name = ? WHERE id = ?", name, name, id);
        expected.put(id, name);
    }

    /** v1.2 writes only full_name (with --sync trigger) or both (with --sync app, as its instructions say). */
    void v12Insert(long id, String name) {
        if (trigger) {
            exec(db, "INSERT INTO users (id, full_name) VALUES (?, ?)", id, name);
        } else {
            v11Insert(id, name);
        }
        expected.put(id, name);
    }

    void v12Update(long id, String name) {
        if (trigger) {
            exec(db, "UPDATE users SET full_name = ? WHERE id = ?", name, id);
        } else {
            v11Update(id, name);
        }
        expected.put(id, name);
    }

    /** After the contract: the only column left. */
    void finalInsert(long id, String name) {
        exec(db, "INSERT INTO users (id, full_name) VALUES (?, ?)", id, name);
        expected.put(id, name);
    }

    private void write(String sql, String name, long id, boolean insert) {
        if (insert) {
            exec(db, sql, id, name);
        } else {
            exec(db, sql, name, id);
        }
    }

    static void exec(TestDatabase db, String sql, Object... args) {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + " " + Arrays.toString(args) + "\n" + e.getMessage(), e);
        }
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    /** Every row is there with name = expected; full_name = name on every row, or only on {@code synced} ids. */
    void assertBothColumns(boolean allSynced, long... synced) {
        List<List<String>> rows = db.rows("SELECT id, name, full_name FROM users ORDER BY id");
        assertThat(rows).extracting(r -> Long.parseLong(r.get(0))).containsExactlyElementsOf(expected.keySet());
        for (List<String> r : rows) {
            long id = Long.parseLong(r.get(0));
            assertThat(r.get(1)).as("name of row " + id).isEqualTo(expected.get(id));
            if (allSynced || Arrays.stream(synced).anyMatch(s -> s == id)) {
                assertThat(r.get(2)).as("full_name of row " + id).isEqualTo(expected.get(id));
            } else {
                assertThat(r.get(2)).as("full_name of row " + id).isIn(null, expected.get(id));
            }
        }
    }

    void assertOnlyNewColumn() {
        assertThat(db.columns("users")).doesNotContain("name").contains("full_name");
        List<List<String>> rows = db.rows("SELECT id, full_name FROM users ORDER BY id");
        assertThat(rows).extracting(r -> Long.parseLong(r.get(0))).containsExactlyElementsOf(expected.keySet());
        for (List<String> r : rows) {
            assertThat(r.get(1)).as("full_name of row " + r.get(0)).isEqualTo(expected.get(Long.parseLong(r.get(0))));
        }
    }

    long remaining() {
        return db.count(backfillStep().remainingSql());
    }

    /** Applies the rollback SQL of every applied schema step, last step first. */
    void rollBack(List<SchemaStep> applied) {
        List<SchemaStep> reversed = new ArrayList<>(applied);
        java.util.Collections.reverse(reversed);
        for (SchemaStep s : reversed) {
            assertThat(s.rollback().irreversible()).isFalse();
            exec.run(s.rollback().sql(), false);
        }
    }

    static void assertFails(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOf(IllegalStateException.class);
    }

    static List<Step> all(Plan plan) {
        return plan.steps();
    }
}
