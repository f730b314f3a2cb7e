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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backfill's frontier in one run: throughput against a concurrent writer's p99, for apply's backfill at fixed
 * batch sizes and pauses, at its defaults, and under two latency budgets; beside the single UPDATE (throughput
 * reference), the same write volume on another table (the floor: the writer's p99 there is what the shared log costs)
 * and, on PostgreSQL, a plain loop of 1,000-row batches with no delay (pgroll's default).
 *
 * The writer updates random rows of the backfilled table by key, one at a time, 2 ms apart; its latencies are taken
 * over each run's backfill only (from the first batch to the last: a budgeted run's 2 s baseline is left out, and so
 * is its rate). Between runs the table is put back (column emptied, table rebuilt, statistics and checkpoint), so
 * each run starts from the same state.
 *
 * Usage: java -cp target/migration-strategist.jar bench/backfill/FrontierBench.java [JDBC_URL] [ROWS] [BUDGETS]
 *   defaults: PostgreSQL on 127.0.0.1:5432, 100,000 rows, budgets 1.5,3
 */
public class FrontierBench {
    static final Pattern DONE = Pattern.compile(": ([0-9,]+) rows updated in (\\d+) batches, (\\d+) ms");

    record Row(String name, double rowsPerSec, int batches, Writer writer) {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 100_000L;
        List<Double> budgets = new ArrayList<>();
        for (String b : (args.length > 2 ? args[2] : "1.5,3").split(",")) {
            budgets.add(Double.parseDouble(b));
        }
        boolean pg = url.startsWith("jdbc:postgresql:");
        String scope = "strategist_bench_frontier";
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA IF EXISTS " + scope + " CASCADE" : "DROP DATABASE IF EXISTS " + scope);
            st.execute(pg ? "CREATE SCHEMA " + scope : "CREATE DATABASE " + scope);
        }
        String scoped = pg ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + scope
                : url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + scope);
        String dialect;
        try (Connection c = DriverManager.getConnection(scoped)) {
            dialect = Database.dialectOf(c).spec();
        }
        System.out.printf(Locale.ROOT, "frontier bench: %s, %,d rows, load average %s%n", dialect, rows,
                BackfillBenchLoad.loadAverage());
        Database db = new Database(scoped, null, null);
        Path dir = Files.createTempDirectory("strategist-frontier");
        ApplyOptions quiet = ApplyOptions.defaults().withMaxLatencyRatio(0);
        PlanFile planW = null;
        for (String t : List.of("w", "c")) {
            try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
                st.execute(ddl(t));
                st.execute(pg ? "INSERT INTO " + t + " (id, name, email) SELECT g, 'name-' || g, 'u' || g ||"
                        + " '@example.com' FROM generate_series(1, " + rows + ") g"
                        : "INSERT INTO " + t + " (id, name, email) SELECT seq, CONCAT('name-', seq), CONCAT('u', seq,"
                        + " '@example.com') FROM seq_1_to_" + rows);
                st.execute(pg ? "VACUUM ANALYZE " + t : "ANALYZE TABLE " + t);
            }
            PlanFile plan = plan(dialect, t, dir.resolve(t));
            new Applier(db, quiet, ApplyLog.silent()).apply(plan, t); // expand: column + trigger
            if (t.equals("w")) {
                planW = plan;
            }
        }
        List<Row> table = new ArrayList<>();
        reset(scoped, pg, "w", null, null);
        Writer idle = Writer.run(scoped, rows, w -> sleep(5_000));

        // the single UPDATE (on c: it would hold the writer for its whole run): the throughput reference
        long[] singleMs = new long[1];
        try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.executeUpdate("UPDATE c SET full_name = name WHERE full_name IS NULL");
            singleMs[0] = (System.nanoTime() - t0) / 1_000_000;
        }
        double singleRate = rows * 1000.0 / singleMs[0];
        reset(scoped, pg, "c", null, null);
        // the floor: the backfill's UPDATE in 10,000-row batches with 5 ms pauses on c while the writer works on w
        long[] ms = new long[1];
        Writer control = Writer.run(scoped, rows, w -> {
            w.from();
            long t0 = System.nanoTime();
            loop(scoped, pg, "c", rows, 10_000, 5);
            ms[0] = (System.nanoTime() - t0) / 1_000_000;
            w.to();
        });
        table.add(new Row("control: other table, 10,000 / 5 ms", rows * 1000.0 / ms[0], (int) (rows / 10_000),
                control));
        reset(scoped, pg, "c", null, null);

        List<Object[]> fixed = new ArrayList<>();
        for (int size : new int[]{1_000, 10_000}) {
            for (int pause : new int[]{0, 5, 20}) {
                fixed.add(new Object[]{"apply fixed " + String.format(Locale.US, "%,d", size) + " / " + pause + " ms",
                        quiet.withBatching(size, Duration.ZERO, Duration.ofMillis(pause))});
            }
        }
        fixed.add(new Object[]{"apply defaults, no budget (50 ms target, 5 ms)", quiet});
        for (double r : budgets) {
            fixed.add(new Object[]{"apply budget " + r + "x", ApplyOptions.defaults().withMaxLatencyRatio(r)});
        }
        for (Object[] f : fixed) {
            table.add(apply(db, scoped, pg, rows, planW, (String) f[0], (ApplyOptions) f[1]));
            reset(scoped, pg, "w", db, planW);
        }
        if (pg) {
            Writer pgroll = Writer.run(scoped, rows, w -> {
                w.from();
                long t0 = System.nanoTime();
                loop(scoped, true, "w", rows, 1_000, 0);
                ms[0] = (System.nanoTime() - t0) / 1_000_000;
                w.to();
            });
            table.add(new Row("plain loop 1,000 / 0 ms (pgroll's default)", rows * 1000.0 / ms[0],
                    (int) (rows / 1_000), pgroll));
            reset(scoped, pg, "w", db, planW);
        }
        Writer naive = Writer.run(scoped, rows, w -> {
            w.from();
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE w SET full_name = name WHERE full_name IS NULL");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ms[0] = (System.nanoTime() - t0) / 1_000_000;
            w.to();
        });
        table.add(new Row("single UPDATE on the writer's table", rows * 1000.0 / ms[0], 1, naive));
        reset(scoped, pg, "w", db, planW);
        Writer idleAfter = Writer.run(scoped, rows, w -> sleep(5_000));
        idle.samples.addAll(idleAfter.samples);

        double idleP99 = idle.pct(0.99);
        double floorP99 = control.pct(0.99);
        System.out.printf(Locale.ROOT, "single UPDATE (no writer, on c): %,.0f rows/s; writer idle: %s; load %s%n",
                singleRate, idle.summary(), BackfillBenchLoad.loadAverage());
        System.out.println();
        System.out.println("| run | rows/s | x single | batches | writer p50 / p99 / max ms | p99 x idle | p99 x floor |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row r : table) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %d | %.2f / %.2f / %.1f | %.2f | %.2f |%n", r.name(),
                    r.rowsPerSec(), r.rowsPerSec() / singleRate, r.batches(), r.writer().pct(0.5),
                    r.writer().pct(0.99), r.writer().pct(1.0), r.writer().pct(0.99) / idleP99,
                    r.writer().pct(0.99) / floorP99);
        }
        System.out.printf(Locale.ROOT, "%nload average at the end: %s%n", BackfillBenchLoad.loadAverage());
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA " + scope + " CASCADE" : "DROP DATABASE " + scope);
        }
    }

    /** One apply backfill of w under the writer; rate and writer window from the first batch to the last. */
    static Row apply(Database db, String url, boolean pg, long rows, PlanFile plan, String name, ApplyOptions options)
            throws Exception {
        long[] result = new long[2];
        Writer w = Writer.run(url, rows, writer -> {
            boolean budgeted = options.maxLatencyRatio() > 0;
            if (!budgeted) {
                writer.from();
            }
            ApplyLog log = line -> {
                if (line.contains("latency budget: probe commit p99")) {
                    writer.from();
                }
                Matcher m = DONE.matcher(line);
                if (m.find()) {
                    writer.to();
                    result[0] = Long.parseLong(m.group(2));
                    result[1] = Long.parseLong(m.group(3));
                }
                if (line.contains("pacing: probe p99") && line.contains("slow-downs")) {
                    System.out.println("  " + name + ":" + line.substring(line.indexOf("pacing:") + 7));
                }
            };
            new Applier(db, options.withThrough(Phase.BACKFILL), log).apply(plan, "bench");
        });
        return new Row(name, rows * 1000.0 / Math.max(1, result[1]), (int) result[0], w);
    }

    /** The backfill's statement in plain key-range batches, each its own transaction, as apply's session. */
    static void loop(String url, boolean pg, String table, long rows, int batch, long pauseMs) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET full_name = name"
                     + " WHERE id > ? AND id <= ?")) {
            if (pg) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET synchronous_commit = off");
                }
            }
            for (long from = 0; from < rows; from += batch) {
                ps.setLong(1, from);
                ps.setLong(2, from + batch);
                ps.executeUpdate();
                sleep(pauseMs);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties full_name without the sync trigger, rebuilds the table (as freshly loaded), and forgets apply's record
     * of the backfill step (back to pending) so the next apply runs it again.
     */
    static void reset(String url, boolean pg, String table, Database db, PlanFile plan) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (pg) {
                st.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                st.execute("UPDATE " + table + " SET full_name = NULL WHERE full_name IS NOT NULL");
                st.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                st.execute("VACUUM FULL " + table);
                st.execute("ANALYZE " + table);
                st.execute("CHECKPOINT");
            } else {
                st.execute("ALTER TABLE " + table + " DROP COLUMN full_name, ADD COLUMN full_name VARCHAR(255), FORCE");
                st.execute("ANALYZE TABLE " + table);
            }
            if (plan != null) {
                st.execute("UPDATE strategist_steps SET status = 'pending', checkpoint = NULL, rows_done = 0,"
                        + " statements_done = 0, attempts = 0, started_at = NULL, finished_at = NULL, message = NULL"
                        + " WHERE plan_id = '" + plan.id() + "' AND phase = 'backfill'");
            }
        }
    }

    static String ddl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL)";
    }

    static PlanFile plan(String dialect, String table, Path dir) {
        PlanResult r = Strategist.configure().dialect(dialect).schemaSql(ddl(table) + ";").load()
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

    /** The load average, for every printed number. */
    static final class BackfillBenchLoad {
        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                        + Runtime.getRuntime().availableProcessors() + " cores";
            } catch (Exception e) {
                return "unknown";
            }
        }
    }

    interface During {
        void run(Writer w) throws Exception;
    }

    /** One session updating random rows of w by key, 2 ms apart; keeps the samples inside [from, to] (all if unset). */
    static final class Writer {
        final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong from = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong to = new AtomicLong(Long.MAX_VALUE);

        void from() {
            from.set(System.nanoTime());
        }

        void to() {
            to.set(System.nanoTime());
        }

        static Writer run(String url, long rows, During during) throws Exception {
            Writer w = new Writer();
            AtomicBoolean go = new AtomicBoolean(true);
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement ps = c.prepareStatement("UPDATE w SET email = ? WHERE id = ?")) {
                    while (go.get()) {
                        long id = ThreadLocalRandom.current().nextLong(1, rows + 1);
                        long t0 = System.nanoTime();
                        ps.setString(1, "w" + t0 + "@example.com");
                        ps.setLong(2, id);
                        ps.executeUpdate();
                        w.samples.add(new long[]{t0, (System.nanoTime() - t0) / 1_000});
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            try {
                during.run(w);
            } finally {
                go.set(false);
                t.join();
            }
            long f = w.from.get();
            long e = w.to.get();
            synchronized (w.samples) {
                w.samples.removeIf(s -> s[0] < f || s[0] > e);
            }
            return w;
        }

        double pct(double p) {
            List<Long> s = new ArrayList<>();
            synchronized (samples) {
                for (long[] x : samples) {
                    s.add(x[1]);
                }
            }
            Collections.sort(s);
            return s.isEmpty() ? 0 : s.get(Math.max(0, Math.min(s.size() - 1, (int) Math.ceil(s.size() * p) - 1)))
                    / 1000.0;
        }

        String summary() {
            return String.format(Locale.ROOT, "%,d writes, p50 %.2f ms, p99 %.2f ms, max %.1f ms", samples.size(),
                    pct(0.5), pct(0.99), pct(1.0));
        }
    }
}
