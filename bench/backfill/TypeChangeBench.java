import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.db.Applier;
import dev.migrationstrategist.db.ApplyLog;
import dev.migrationstrategist.db.ApplyOptions;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.plan.Phase;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One column's type change (qty INT -> BIGINT) on the same table under the same application traffic, side by side:
 * {@code strategist apply} (expand, backfill, constraints, contract: the whole plan), the naive ALTER, and on
 * MariaDB/MySQL {@code pt-online-schema-change} (Debian's percona-toolkit, when installed). A fresh table per run.
 * The application: two sessions, each updating a random row by key ({@code qty = qty + 1}) and reading another, 2 ms
 * apart; a statement that fails counts as a failed transaction (the session reconnects). Printed per run: total time,
 * longest stall (the slowest application statement), failed transactions, application p50/p99; and apply's largest
 * used heap (sampled every 50 ms), which should not grow with the table.
 *
 * Usage: java -cp target/migration-strategist.jar bench/backfill/TypeChangeBench.java [JDBC_URL] [ROWS] [RUNS]
 *   RUNS: the runs to make, comma-separated, e.g. "apply, no budget" (a heap-only run at 5,000,000 rows)
 *   defaults: MariaDB on 127.0.0.1:3306 (root), 100,000 rows
 */
public class TypeChangeBench {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 100_000L;
        // optional third argument: the runs to make, comma-separated (e.g. "apply, no budget" for a heap-only run)
        List<String> only = args.length > 2 ? List.of(args[2].split(",(?! )")) : List.of();
        boolean pg = url.startsWith("jdbc:postgresql:");
        String scope = "strategist_bench_typechange";
        String scoped = pg ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + scope
                : url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + scope);
        String load = load();
        List<String> out = new ArrayList<>();
        // warm the JVM (planner, proof, JDBC) so the first run does not pay class loading and JIT for the others
        Strategist.configure().dialect(pg ? "postgresql:15" : "mariadb:10.11").schemaSql(ddl() + ";").load()
                .plan(pg ? "ALTER TABLE items ALTER COLUMN qty TYPE BIGINT" : "ALTER TABLE items MODIFY qty BIGINT NOT NULL");
        for (String how : pg ? List.of("apply", "apply, no budget", "naive ALTER") : List.of("apply",
                "apply, no budget", "pt-online-schema-change", "naive ALTER")) {
            if (!only.isEmpty() && !only.contains(how)) {
                continue;
            }
            fresh(url, scoped, pg, scope, rows);
            if (how.equals("pt-online-schema-change") && !ptOscInstalled()) {
                out.add("| " + how + " | not installed (apt-get install percona-toolkit) | | | |");
                continue;
            }
            App app = App.start(scoped, rows);
            long t0 = System.nanoTime();
            String note = "";
            try {
                switch (how) {
                    case "apply" -> note = apply(scoped, pg, ApplyOptions.DEFAULT_LATENCY_RATIO);
                    case "apply, no budget" -> note = apply(scoped, pg, 0);
                    case "naive ALTER" -> {
                        try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
                            st.execute(pg ? "ALTER TABLE items ALTER COLUMN qty TYPE BIGINT"
                                    : "ALTER TABLE items MODIFY qty BIGINT NOT NULL");
                        }
                    }
                    default -> ptOsc(url, scope);
                }
            } finally {
                app.stop();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String type = columnType(scoped, pg, scope);
            out.add(String.format(Locale.ROOT, "| %s | %,d ms | %.1f ms | %d | %.2f / %.2f ms | %s |%s", how, ms,
                    app.pct(1.0), app.failed.get(), app.pct(0.5), app.pct(0.99), type, note));
        }
        System.out.printf(Locale.ROOT, "type change bench: %s, %,d rows, qty INT -> BIGINT, load average %s (start) /"
                + " %s (end)%n%n", pg ? "PostgreSQL" : "MariaDB/MySQL", rows, load, load());
        System.out.println("| how | total | longest stall | failed app txns | app p50 / p99 | qty is now | apply heap |");
        System.out.println("|---|---|---|---|---|---|---|");
        out.forEach(System.out::println);
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA IF EXISTS " + scope + " CASCADE" : "DROP DATABASE IF EXISTS " + scope);
        }
    }

    static void fresh(String url, String scoped, boolean pg, String scope, long rows) throws Exception {
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA IF EXISTS " + scope + " CASCADE" : "DROP DATABASE IF EXISTS " + scope);
            st.execute(pg ? "CREATE SCHEMA " + scope : "CREATE DATABASE " + scope);
        }
        try (Connection c = DriverManager.getConnection(scoped); Statement st = c.createStatement()) {
            st.execute(ddl());
            st.execute(pg ? "INSERT INTO items (id, qty, name) SELECT g, g % 1000, 'item-' || g FROM"
                    + " generate_series(1, " + rows + ") g"
                    : "INSERT INTO items (id, qty, name) SELECT seq, seq % 1000, CONCAT('item-', seq) FROM seq_1_to_"
                    + rows);
            st.execute(pg ? "VACUUM ANALYZE items" : "ANALYZE TABLE items");
        }
    }

    static String ddl() {
        return "CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT NOT NULL, name VARCHAR(255))";
    }

    /** The whole plan, expand to contract, as an operator would run it (releases passed by --through). */
    static String apply(String url, boolean pg, double ratio) throws Exception {
        String dialect;
        try (Connection c = DriverManager.getConnection(url)) {
            dialect = Database.dialectOf(c).spec();
        }
        Path dir = Files.createTempDirectory("strategist-typechange");
        PlanResult r = Strategist.configure().dialect(dialect).schemaSql(ddl() + ";").load()
                .plan(pg ? "ALTER TABLE items ALTER COLUMN qty TYPE BIGINT" : "ALTER TABLE items MODIFY qty BIGINT NOT NULL");
        r.write(dir);
        PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
        HeapWatch heap = HeapWatch.start();
        try {
            ApplyLog log = line -> {
                if (line.contains("rows updated in") || line.contains("pacing: probe p99") && line.contains("slow-downs")
                        || line.matches("step \\d+: done in .*")) {
                    System.out.println("  apply (ratio " + ratio + "): " + line.trim());
                }
            };
            new Applier(new Database(url, null, null), ApplyOptions.defaults().withThrough(Phase.CONTRACT)
                    .withConfirmContract(true).withMaxLatencyRatio(ratio), log).apply(plan, "bench");
        } finally {
            heap.stop();
        }
        return String.format(Locale.ROOT, " max used heap %,d MB |", heap.maxBytes / (1024 * 1024));
    }

    static boolean ptOscInstalled() {
        try {
            return new ProcessBuilder("pt-online-schema-change", "--version").redirectErrorStream(true).start()
                    .waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void ptOsc(String url, String scope) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:\\w+://([^:/]+)(?::(\\d+))?/[^?]*(?:\\?(.*))?")
                .matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read host and port from " + url);
        }
        String user = "root";
        if (m.group(3) != null) {
            for (String kv : m.group(3).split("&")) {
                if (kv.startsWith("user=")) {
                    user = kv.substring(5);
                }
            }
        }
        String dsn = "h=" + m.group(1) + ",P=" + (m.group(2) == null ? "3306" : m.group(2)) + ",u=" + user + ",D="
                + scope + ",t=items";
        Process p = new ProcessBuilder("pt-online-schema-change", "--alter", "MODIFY qty BIGINT NOT NULL",
                "--recursion-method", "none", "--execute", dsn).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pt-online-schema-change failed:\n" + output);
        }
    }

    static String columnType(String url, boolean pg, String scope) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT data_type FROM information_schema.columns WHERE"
                     + " table_schema = ? AND table_name = 'items' AND column_name = 'qty'")) {
            ps.setString(1, scope);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "?";
            }
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /** The largest used heap seen while apply runs (all heap pools, sampled every 50 ms). */
    static final class HeapWatch {
        volatile long maxBytes;
        final AtomicBoolean go = new AtomicBoolean(true);
        Thread thread;

        static HeapWatch start() {
            HeapWatch h = new HeapWatch();
            System.gc();
            h.thread = new Thread(() -> {
                while (h.go.get()) {
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            used += pool.getUsage().getUsed();
                        }
                    }
                    h.maxBytes = Math.max(h.maxBytes, used);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            h.thread.setDaemon(true);
            h.thread.start();
            return h;
        }

        void stop() throws InterruptedException {
            go.set(false);
            thread.join();
        }
    }

    /** Two application sessions: update a random row's qty by key, read another, 2 ms apart. */
    static final class App {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failed = new AtomicInteger();
        final AtomicBoolean go = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        static App start(String url, long rows) {
            App app = new App();
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    while (app.go.get()) {
                        try (Connection c = DriverManager.getConnection(url);
                             PreparedStatement up = c.prepareStatement("UPDATE items SET qty = qty + 1 WHERE id = ?");
                             PreparedStatement read = c.prepareStatement("SELECT qty, name FROM items WHERE id = ?")) {
                            while (app.go.get()) {
                                long t0 = System.nanoTime();
                                try {
                                    up.setLong(1, ThreadLocalRandom.current().nextLong(1, rows + 1));
                                    up.executeUpdate();
                                    read.setLong(1, ThreadLocalRandom.current().nextLong(1, rows + 1));
                                    read.executeQuery().close();
                                } catch (java.sql.SQLException e) {
                                    app.failed.incrementAndGet();
                                    if (!c.isValid(1)) {
                                        break;
                                    }
                                } finally {
                                    app.micros.add((System.nanoTime() - t0) / 1_000);
                                }
                                Thread.sleep(2);
                            }
                        } catch (Exception e) {
                            app.failed.incrementAndGet();
                        }
                    }
                });
                t.start();
                app.threads.add(t);
            }
            return app;
        }

        void stop() throws InterruptedException {
            go.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }

        double pct(double p) {
            List<Long> s = new ArrayList<>(micros);
            Collections.sort(s);
            return s.isEmpty() ? 0 : s.get(Math.max(0, Math.min(s.size() - 1, (int) Math.ceil(s.size() * p) - 1)))
                    / 1000.0;
        }
    }
}
