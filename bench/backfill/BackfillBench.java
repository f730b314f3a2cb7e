import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.db.Applier;
import dev.migrationstrategist.db.ApplyLog;
import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.plan.Phase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Backfill throughput: `strategist apply`'s batched backfill against a single UPDATE of the same table, in the same
 * run, on two identical tables of N rows (default 1,000,000) that both carry the plan's expand (new column + sync
 * trigger). A writer thread updates random rows by primary key throughout; its latency is reported idle, during the
 * single UPDATE and during the batched backfill.
 *
 * Usage: bench/backfill/run.sh [JDBC_URL] [ROWS] [BATCH_TARGET_MS] [PAUSE_MS]
 *   (defaults: jdbc:postgresql://127.0.0.1:5432/test?user=postgres, 1000000, and apply's own defaults)
 */
public class BackfillBench {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        ApplyOptions defaults = ApplyOptions.defaults();
        Duration target = args.length > 2 ? Duration.ofMillis(Long.parseLong(args[2])) : defaults.batchTarget();
        Duration pause = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3])) : defaults.pause();
        ApplyOptions options = defaults.withBatching(0, target, pause);
        boolean pg = url.startsWith("jdbc:postgresql:");
        String scope = "strategist_bench";
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            if (pg) {
                st.execute("DROP SCHEMA IF EXISTS " + scope + " CASCADE");
                st.execute("CREATE SCHEMA " + scope);
            } else {
                st.execute("DROP DATABASE IF EXISTS " + scope);
                st.execute("CREATE DATABASE " + scope);
            }
        }
        String scoped = pg ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + scope
                : url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + scope);
        String dialect;
        try (Connection c = DriverManager.getConnection(scoped)) {
            dialect = Database.dialectOf(c).spec();
        }
        System.out.printf(Locale.ROOT, "backfill bench: %s, %,d rows per table, %s; batch target %d ms, pause %d ms,"
                + " load average %s%n", dialect, rows, Database.mask(url), target.toMillis(), pause.toMillis(),
                loadAverage());
        String schemaA = ddl("users_a");
        String schemaB = ddl("users_b");
        try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
            for (String t : List.of("users_a", "users_b", "users_c")) {
                st.execute(ddl(t));
                st.execute(pg ? "INSERT INTO " + t + " (id, name, email) SELECT g, 'name-' || g, 'u' || g ||"
                        + " '@example.com' FROM generate_series(1, " + rows + ") g"
                        : "INSERT INTO " + t + " (id, name, email) SELECT seq, CONCAT('name-', seq), CONCAT('u', seq,"
                        + " '@example.com') FROM seq_1_to_" + rows);
                if (pg) {
                    st.execute("VACUUM ANALYZE " + t);
                } else {
                    st.execute("ANALYZE TABLE " + t);
                }
            }
        }
        Database db = new Database(scoped, null, null);
        Path dir = Files.createTempDirectory("strategist-bench");
        PlanFile planA = plan(dialect, schemaA, "users_a", dir.resolve("a"));
        PlanFile planB = plan(dialect, schemaB, "users_b", dir.resolve("b"));
        PlanFile planC = plan(dialect, ddl("users_c"), "users_c", dir.resolve("c"));
        new Applier(db, options, ApplyLog.silent()).apply(planA, "a"); // expand: column + trigger
        new Applier(db, options, ApplyLog.silent()).apply(planB, "b");
        new Applier(db, options, ApplyLog.silent()).apply(planC, "c");

        settle(scoped, pg, "users_a");
        Writer idle = Writer.run(scoped, "users_a", rows, () -> sleep(5_000));

        long[] single = new long[1];
        Writer duringSingle = Writer.run(scoped, "users_a", rows, () -> {
            try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
                long t0 = System.nanoTime();
                single[0] = st.executeUpdate("UPDATE users_a SET full_name = name WHERE full_name IS NULL");
                single[1 - 1] = single[0];
                single[0] = (System.nanoTime() - t0) / 1_000_000;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double singleRate = rows * 1000.0 / single[0];
        System.out.printf(Locale.ROOT, "single UPDATE:         %,d ms, %,.0f rows/s; writer %s%n", single[0], singleRate,
                duringSingle.summary());

        // Clean up after the single UPDATE before the next phase, so neither phase pays for the other's dead rows
        // (autovacuum of users_a) or WAL (a checkpoint) while it is measured.
        settle(scoped, pg, "users_a");
        // Control: the backfill's own UPDATE on a third identical table (users_c, same expand and trigger), in plain
        // key-range batches of 10,000 with the same pause and commit setting, while the writer works on users_b.
        // What the writer feels here is the cost of that write volume alone (one WAL/redo log, one disk); what the
        // batched backfill adds on top of it is the cost of sharing the writer's table and of apply's bookkeeping.
        long[] control = new long[1];
        Writer duringControl = Writer.run(scoped, "users_b", rows, () -> {
            long t0 = System.nanoTime();
            rewriteInBatches(scoped, pg, "users_c", rows, 10_000, pause);
            control[0] = (System.nanoTime() - t0) / 1_000_000;
        });
        System.out.printf(Locale.ROOT, "control, other table:  %,d ms, %,.0f rows/s; writer %s%n", control[0],
                rows * 1000.0 / control[0], duringControl.summary());
        settle(scoped, pg, "users_c");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        long[] batched = new long[1];
        Writer duringBatched = Writer.run(scoped, "users_b", rows, () -> {
            long t0 = System.nanoTime();
            new Applier(db, options.withThrough(Phase.BACKFILL), lines::add).apply(planB, "b");
            batched[0] = (System.nanoTime() - t0) / 1_000_000;
        });
        double batchedRate = rows * 1000.0 / batched[0];
        String longest = lines.stream().filter(l -> l.contains("longest batch")).findFirst().orElse("?")
                .replaceAll(".*longest batch (\\d+) ms.*", "$1");
        String batches = lines.stream().filter(l -> l.contains("longest batch")).findFirst().orElse("?")
                .replaceAll(".* in (\\d+) batches.*", "$1");
        System.out.printf(Locale.ROOT, "batched backfill:      %,d ms, %,.0f rows/s, %s batches, longest batch %s ms;"
                + " writer %s%n", batched[0], batchedRate, batches, longest, duringBatched.summary());
        settle(scoped, pg, "users_b");
        // idle again after both: the machine's load drifts; the idle baseline is both windows together
        Writer idleAfter = Writer.run(scoped, "users_a", rows, () -> sleep(5_000));
        idle.micros.addAll(idleAfter.micros);
        // Control: the same writer while one process keeps one core busy and touches no database (the backfill's
        // server session needs a core too): shows whether the machine's CPU alone moves the writer's p99.
        Writer floor = Writer.run(scoped, "users_a", rows, BackfillBench::burnOneCore);
        System.out.printf(Locale.ROOT, "writer idle:           %s (5 s before and 5 s after)%n", idle.summary());
        System.out.printf(Locale.ROOT, "writer, one core busy: %s (yes > /dev/null, no database work, 5 s)%n",
                floor.summary());
        System.out.printf(Locale.ROOT, "ratio batched/single rows/s: %.2f (target >= 0.60)%n", batchedRate / singleRate);
        System.out.printf(Locale.ROOT, "writer p99 during batched / idle: %.2f (target <= 1.5); during single / idle:"
                + " %.2f%n", duringBatched.p99() / idle.p99(), duringSingle.p99() / idle.p99());
        System.out.printf(Locale.ROOT, "controls, writer p99 / idle: same write volume on another table %.2f; one"
                + " core busy, no database work %.2f%n", duringControl.p99() / idle.p99(), floor.p99() / idle.p99());
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA " + scope + " CASCADE" : "DROP DATABASE " + scope);
        }
    }

    static void settle(String url, boolean pg, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (pg) {
                st.execute("VACUUM " + table);
                st.execute("CHECKPOINT");
            } else {
                st.execute("ANALYZE TABLE " + table);
            }
        }
    }

    /** Copies name into full_name for every row of the table in key-range batches, each its own transaction, pausing between them. */
    static void rewriteInBatches(String url, boolean pg, String table, long rows, int batch, Duration pause) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET full_name = name"
                     + " WHERE id > ? AND id <= ?")) {
            if (pg) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET synchronous_commit = off"); // as apply's backfill session
                }
            }
            for (long from = 0; from < rows; from += batch) {
                ps.setLong(1, from);
                ps.setLong(2, from + batch);
                ps.executeUpdate();
                sleep(pause.toMillis());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps one core busy for 5 s with a separate process that does no database work. */
    static void burnOneCore() {
        Process burner = null;
        try {
            burner = new ProcessBuilder("sh", "-c", "exec yes > /dev/null").start();
            sleep(5_000);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the CPU burner (needs sh and yes): " + e.getMessage());
        } finally {
            if (burner != null) {
                burner.destroy();
            }
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String ddl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL)";
    }

    static PlanFile plan(String dialect, String schema, String table, Path dir) {
        PlanResult r = Strategist.configure().dialect(dialect).schemaSql(schema + ";").load()
                .plan("ALTER TABLE " + table + " RENAME COLUMN name TO full_name");
        r.write(dir);
        return PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One session updating random rows by primary key, one at a time with 2 ms between writes (several thousand
     * samples per phase, so the p99 is not the 10th worst of a thousand), recording each latency.
     */
    static final class Writer {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

        static Writer run(String url, String table, long rows, Runnable during) throws Exception {
            Writer w = new Writer();
            AtomicBoolean go = new AtomicBoolean(true);
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET email = ? WHERE id = ?")) {
                    while (go.get()) {
                        long id = ThreadLocalRandom.current().nextLong(1, rows + 1);
                        long t0 = System.nanoTime();
                        ps.setString(1, "w" + t0 + "@example.com");
                        ps.setLong(2, id);
                        ps.executeUpdate();
                        w.micros.add((System.nanoTime() - t0) / 1_000);
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            during.run();
            go.set(false);
            t.join();
            return w;
        }

        double p99() {
            List<Long> s = new ArrayList<>(micros);
            Collections.sort(s);
            return s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1)) / 1000.0;
        }

        double max() {
            return micros.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0;
        }

        String summary() {
            List<Long> s = new ArrayList<>(micros);
            Collections.sort(s);
            double p50 = s.isEmpty() ? 0 : s.get(s.size() / 2) / 1000.0;
            return String.format(Locale.ROOT, "%,d writes, p50 %.1f ms, p99 %.1f ms, max %.1f ms", s.size(), p50, p99(),
                    max());
        }
    }
}
