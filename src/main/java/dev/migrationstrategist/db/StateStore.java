package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.statement.DbObject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool's own state tables, in the target database: which plan, which step, its status, timings and the
 * backfill checkpoint. Writes go through the connection that runs the step, inside the step's transaction where
 * there is one, so a step and its "done" commit together and a batch and its checkpoint commit together.
 */
public final class StateStore {
    public static final String PLANS_TABLE = "strategist_plans";
    public static final String STEPS_TABLE = "strategist_steps";
    /** What each plan created (so rollback drops only its own objects) and what it found already there. */
    public static final String OBJECTS_TABLE = "strategist_objects";
    /** One row the backfill's latency probe commits to ({@link LatencyProbe}); made by the first budgeted backfill. */
    public static final String PROBE_TABLE = "strategist_probe";
    /** strategist_plans' column for what differed when --accept-edited-plan ran a plan that did not prove itself. */
    public static final String ACCEPTED_EDIT = "accepted_edit";
    private final Connection connection;
    private final Dialect dialect;

    public StateStore(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public Connection connection() {
        return connection;
    }

    /** Creates the state tables if they are missing. */
    public void ensureTables() throws SQLException {
        String ts = dialect instanceof PostgresDialect ? "timestamptz" : "TIMESTAMP(6) NULL";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + PLANS_TABLE + " ("
                    + "plan_id VARCHAR(32) NOT NULL PRIMARY KEY, source VARCHAR(1000), dialect VARCHAR(40),"
                    + " step_count INT NOT NULL, first_seen " + ts + ", " + ACCEPTED_EDIT + " VARCHAR(2000))");
            if (!hasColumn(PLANS_TABLE, ACCEPTED_EDIT)) {
                // a table from a version before it: a nullable column without default is a catalog-only change
                st.execute("ALTER TABLE " + PLANS_TABLE + " ADD COLUMN " + ACCEPTED_EDIT + " VARCHAR(2000)");
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + STEPS_TABLE + " ("
                    + "plan_id VARCHAR(32) NOT NULL, step INT NOT NULL, phase VARCHAR(20) NOT NULL,"
                    + " title VARCHAR(300), status VARCHAR(20) NOT NULL, statements_done INT NOT NULL DEFAULT 0,"
                    + " checkpoint VARCHAR(500), rows_done BIGINT NOT NULL DEFAULT 0, attempts INT NOT NULL DEFAULT 0,"
                    + " started_at " + ts + ", finished_at " + ts + ", message VARCHAR(2000),"
                    + " PRIMARY KEY (plan_id, step))");
            st.execute("CREATE TABLE IF NOT EXISTS " + OBJECTS_TABLE + " ("
                    + "plan_id VARCHAR(32) NOT NULL, step INT NOT NULL, object_kind VARCHAR(30) NOT NULL,"
                    + " table_name VARCHAR(300) NOT NULL, object_name VARCHAR(300) NOT NULL,"
                    + " PRIMARY KEY (plan_id, object_kind, table_name, object_name))");
        }
    }

    /** Records that the plan's step created these objects (in the step's transaction where there is one). */
    public void recordCreated(String planId, int step, List<DbObject> objects) throws SQLException {
        for (DbObject o : objects) {
            ObjectKey key = ObjectKey.of(o);
            if (owner(key).isPresent()) {
                continue;
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + OBJECTS_TABLE
                    + " (plan_id, step, object_kind, table_name, object_name) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, planId);
                ps.setInt(2, step);
                ps.setString(3, key.kind());
                ps.setString(4, key.table());
                ps.setString(5, key.name());
                ps.executeUpdate();
            }
        }
    }

    /** Forgets objects a rollback removed, so a later run of the same plan records them again. */
    public void forget(String planId, List<DbObject> objects) throws SQLException {
        for (DbObject o : objects) {
            ObjectKey key = ObjectKey.of(o);
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + OBJECTS_TABLE
                    + " WHERE plan_id = ? AND object_kind = ? AND table_name = ? AND object_name = ?")) {
                ps.setString(1, planId);
                ps.setString(2, key.kind());
                ps.setString(3, key.table());
                ps.setString(4, key.name());
                ps.executeUpdate();
            }
        }
    }

    /** How many objects this plan recorded creating in this step. */
    public int createdCount(String planId, int step) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + OBJECTS_TABLE
                + " WHERE plan_id = ? AND step = ?")) {
            ps.setString(1, planId);
            ps.setInt(2, step);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The plan that recorded creating this object, if any. */
    public Optional<String> owner(DbObject object) throws SQLException {
        return owner(ObjectKey.of(object));
    }

    private Optional<String> owner(ObjectKey key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT plan_id FROM " + OBJECTS_TABLE
                + " WHERE object_kind = ? AND table_name = ? AND object_name = ?")) {
            ps.setString(1, key.kind());
            ps.setString(2, key.table());
            ps.setString(3, key.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Registers a plan and its steps as pending, once; later calls keep what is recorded. */
    public void register(PlanFile plan, String source) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM " + PLANS_TABLE + " WHERE plan_id = ?")) {
            ps.setString(1, plan.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        boolean auto = connection.getAutoCommit();
        FaultPoint.state("register", 0, false);
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + PLANS_TABLE
                    + " (plan_id, source, dialect, step_count, first_seen) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(6))")) {
                ps.setString(1, plan.id());
                ps.setString(2, truncate(source, 1000));
                ps.setString(3, plan.dialectName() + ":" + plan.dialectVersion());
                ps.setInt(4, plan.steps().size());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + STEPS_TABLE
                    + " (plan_id, step, phase, title, status) VALUES (?, ?, ?, ?, 'pending')")) {
                for (Step s : plan.steps()) {
                    ps.setString(1, plan.id());
                    ps.setInt(2, s.number());
                    ps.setString(3, s.phase().jsonName());
                    ps.setString(4, truncate(s.title(), 300));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
            FaultPoint.state("register", 0, true);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** Records that this plan ran although it does not prove itself, and what differed (null: it does). */
    public void acceptedEdit(String planId, String difference) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + PLANS_TABLE + " SET " + ACCEPTED_EDIT
                + " = ? WHERE plan_id = ?")) {
            ps.setString(1, truncate(difference, 2000));
            ps.setString(2, planId);
            ps.executeUpdate();
        }
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        String scope = dialect instanceof PostgresDialect ? "current_schema()" : "DATABASE()";
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = " + scope + " AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    public Map<Integer, StepState> steps(String planId) throws SQLException {
        Map<Integer, StepState> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT plan_id, step, phase, title, status,"
                + " statements_done, checkpoint, rows_done, attempts, started_at, finished_at, message FROM "
                + STEPS_TABLE + " WHERE plan_id = ? ORDER BY step")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StepState s = new StepState(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            StepState.Status.of(rs.getString(5)), rs.getInt(6), rs.getString(7), rs.getLong(8),
                            rs.getInt(9), rs.getTimestamp(10), rs.getTimestamp(11), rs.getString(12));
                    out.put(s.step(), s);
                }
            }
        }
        return out;
    }

    public Optional<StepState> step(String planId, int step) throws SQLException {
        return Optional.ofNullable(steps(planId).get(step));
    }

    /** One row of {@code strategist_plans}: {@code firstSeen} is the server's clock when the plan was first applied. */
    public record PlanRecord(String planId, String source, String dialect, int stepCount, Timestamp firstSeen) {
    }

    /** Every plan the database has seen, newest first, as typed rows. */
    public List<PlanRecord> planRecords() throws SQLException {
        List<PlanRecord> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT plan_id, source, dialect, step_count, first_seen FROM "
                     + PLANS_TABLE + " ORDER BY first_seen DESC, plan_id")) {
            while (rs.next()) {
                out.add(new PlanRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getTimestamp(5)));
            }
        }
        return out;
    }

    /** Every plan the database has seen, newest first: id, source, dialect, step count, first seen. */
    public List<List<String>> plans() throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT plan_id, source, dialect, step_count, first_seen FROM "
                     + PLANS_TABLE + " ORDER BY first_seen DESC, plan_id")) {
            while (rs.next()) {
                out.add(List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3)),
                        String.valueOf(rs.getInt(4)), String.valueOf(rs.getTimestamp(5))));
            }
        }
        return out;
    }

    public void markRunning(String planId, int step) throws SQLException {
        update(planId, step, "status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at,"
                + " CURRENT_TIMESTAMP(6)), message = NULL");
    }

    public void markDone(String planId, int step) throws SQLException {
        update(planId, step, "status = 'done', finished_at = CURRENT_TIMESTAMP(6)");
    }

    public void markPassed(String planId, int step) throws SQLException {
        update(planId, step, "status = 'passed', started_at = COALESCE(started_at, CURRENT_TIMESTAMP(6)),"
                + " finished_at = CURRENT_TIMESTAMP(6)");
    }

    public void markRolledBack(String planId, int step) throws SQLException {
        update(planId, step, "status = 'rolled_back', statements_done = 0, checkpoint = NULL, rows_done = 0,"
                + " finished_at = CURRENT_TIMESTAMP(6)");
    }

    public void markFailed(String planId, int step, String message) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + STEPS_TABLE
                + " SET status = 'failed', message = ? WHERE plan_id = ? AND step = ?")) {
            ps.setString(1, truncate(message, 2000));
            ps.setString(2, planId);
            ps.setInt(3, step);
            FaultPoint.state("status=failed", step, false);
            ps.executeUpdate();
            FaultPoint.state("status=failed", step, true);
        }
    }

    public void statementsDone(String planId, int step, int count) throws SQLException {
        update(planId, step, "statements_done = " + count);
    }

    /** Records a finished batch: its last key and the running row count (same transaction as the batch). */
    public void checkpoint(String planId, int step, String lastKey, long rowsDone) throws SQLException {
        writeCheckpoint("checkpoint", planId, step, lastKey, rowsDone);
    }

    /**
     * Records that a per-partition backfill finished a partition: the checkpoint now names the next one, with no key
     * yet (autocommit: the finished partition's last batch committed with its own checkpoint before this).
     */
    public void nextPartition(String planId, int step, String cursor, long rowsDone) throws SQLException {
        writeCheckpoint("partition", planId, step, cursor, rowsDone);
    }

    /** Writes the step's checkpoint and row count, between the fault points {@code state=<point>}. */
    private void writeCheckpoint(String point, String planId, int step, String checkpoint, long rowsDone)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + STEPS_TABLE
                + " SET checkpoint = ?, rows_done = ? WHERE plan_id = ? AND step = ?")) {
            ps.setString(1, checkpoint);
            ps.setLong(2, rowsDone);
            ps.setString(3, planId);
            ps.setInt(4, step);
            FaultPoint.state(point, step, false);
            ps.executeUpdate();
            FaultPoint.state(point, step, true);
        }
    }

    private void update(String planId, int step, String assignments) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + STEPS_TABLE + " SET " + assignments
                + " WHERE plan_id = ? AND step = ?")) {
            ps.setString(1, planId);
            ps.setInt(2, step);
            FaultPoint.state(assignments, step, false);
            ps.executeUpdate();
            FaultPoint.state(assignments, step, true);
        }
    }

    /**
     * Takes the plan's advisory lock on its own session, so a second {@code apply} of the same plan is refused.
     * The lock lives as long as {@code lockConnection} stays open.
     */
    /**
     * The advisory lock of a plan on this scope, released on close: at once, not when the server notices the closed
     * connection (a rollback right after an apply found it still held).
     */
    public record PlanLock(Connection connection, Dialect dialect, String name) implements AutoCloseable {
        @Override
        public void close() {
            String sql = dialect instanceof PostgresDialect ? "SELECT pg_advisory_unlock(?)" : "SELECT RELEASE_LOCK(?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                if (dialect instanceof PostgresDialect) {
                    ps.setLong(1, lockKey(name));
                } else {
                    ps.setString(1, name);
                }
                ps.executeQuery().close();
            } catch (SQLException e) {
                // the connection is gone: the server releases the lock with it
            }
        }
    }

    public static PlanLock lockPlan(Connection lockConnection, Dialect dialect, String planId) throws SQLException {
        boolean got;
        // The same plan applied to two schemas (one per tenant) must not block itself: the key names the scope.
        String scope;
        try (Statement st = lockConnection.createStatement();
             ResultSet rs = st.executeQuery(dialect instanceof PostgresDialect ? "SELECT current_schema()"
                     : "SELECT DATABASE()")) {
            rs.next();
            scope = String.valueOf(rs.getString(1));
        }
        String name = "strategist:" + scope + ":" + planId;
        if (dialect instanceof PostgresDialect) {
            try (PreparedStatement ps = lockConnection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, lockKey(name));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
        } else {
            // MySQL limits lock names to 64 characters: hash long scopes
            name = name.length() <= 64 ? name : "strategist:" + Long.toHexString(lockKey(name));
            try (PreparedStatement ps = lockConnection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getInt(1) == 1;
                }
            }
        }
        if (!got) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "plan " + planId + " is being applied to " + scope
                    + " by another session right now (its advisory lock is held); nothing was done");
        }
        return new PlanLock(lockConnection, dialect, name);
    }

    static long lockKey(String name) {
        long h = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
