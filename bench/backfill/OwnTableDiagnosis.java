import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why does a backfill of the writer's own table cost the writer more than the same write volume on another table?
 * One run on PostgreSQL or MariaDB: a writer updates random rows by key (2 ms apart) while a plain batched
 * {@code UPDATE t SET full_name = name WHERE id > ? AND id <= ?} loop (the backfill's statement, 5 ms pauses, as apply's
 * session settings) runs on the other table (control) or on the writer's own table, in several forms. For every write
 * it records whether its key was inside the range of a batch in flight when it ran ("hit": it may have waited for
 * that batch's row locks), and on PostgreSQL a sampler reads the writer's wait event every millisecond and the
 * table's HOT-update counters before and after each phase.
 *
 * Usage: java -cp target/migration-strategist.jar bench/backfill/OwnTableDiagnosis.java [JDBC_URL] [ROWS]
 */
public class OwnTableDiagnosis {
    record Write(long startNs, long endNs, long id) {
        long micros() {
            return (endNs - startNs) / 1000;
        }
    }

    record Batch(long startNs, long endNs, long lo, long hi) {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 300_000L;
        boolean pg = url.startsWith("jdbc:postgresql:");
        String scope = "pacing_diag";
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA IF EXISTS " + scope + " CASCADE" : "DROP DATABASE IF EXISTS " + scope);
            st.execute(pg ? "CREATE SCHEMA " + scope : "CREATE DATABASE " + scope);
        }
        String scoped = pg ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + scope
                : url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + scope);
        System.out.printf(Locale.ROOT, "own-table diagnosis: %s, %,d rows, load %s%n", pg ? "PostgreSQL" : "MariaDB",
                rows, load());
        for (String t : List.of("t", "c")) {
            create(scoped, pg, t, rows);
        }
        List<String> variants = new ArrayList<>(List.of("idle", "control", "own", "own-1000", "own-skiplocked"));
        for (String v : variants) {
            String table = v.equals("control") ? "c" : "t";
            if (!v.equals("idle")) {
                reset(scoped, pg, table);
            }
            settle(scoped, pg);
            run(scoped, pg, rows, v, table);
        }
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute(pg ? "DROP SCHEMA " + scope + " CASCADE" : "DROP DATABASE " + scope);
        }
    }

    static void create(String url, boolean pg, String t, long rows) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL,"
                    + " full_name VARCHAR(255))");
            st.execute(pg ? "INSERT INTO " + t + " (id, name, email) SELECT g, 'name-' || g, 'u' || g ||"
                    + " '@example.com' FROM generate_series(1, " + rows + ") g"
                    : "INSERT INTO " + t + " (id, name, email) SELECT seq, CONCAT('name-', seq), CONCAT('u', seq,"
                    + " '@example.com') FROM seq_1_to_" + rows);
            if (pg) {
                // the plan's sync trigger, as apply installs it
                st.execute("CREATE FUNCTION " + t + "_sync() RETURNS trigger LANGUAGE plpgsql AS $s$ BEGIN"
                        + " IF TG_OP = 'INSERT' THEN IF NEW.full_name IS NULL THEN NEW.full_name := NEW.name;"
                        + " ELSE NEW.name := NEW.full_name; END IF;"
                        + " ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN NEW.name := NEW.full_name;"
                        + " ELSIF NEW.name IS DISTINCT FROM OLD.name THEN NEW.full_name := NEW.name; END IF;"
                        + " RETURN NEW; END $s$");
                st.execute("CREATE TRIGGER " + t + "_sync BEFORE INSERT OR UPDATE ON " + t
                        + " FOR EACH ROW EXECUTE FUNCTION " + t + "_sync()");
                st.execute("VACUUM ANALYZE " + t);
            } else {
                st.execute("CREATE TRIGGER " + t + "_sync_u BEFORE UPDATE ON " + t + " FOR EACH ROW BEGIN"
                        + " IF NOT (NEW.full_name <=> OLD.full_name) THEN SET NEW.name = NEW.full_name;"
                        + " ELSEIF NOT (NEW.name <=> OLD.name) THEN SET NEW.full_name = NEW.name; END IF; END");
                st.execute("ANALYZE TABLE " + t);
            }
        }
    }

    /** Puts full_name back to NULL so the next variant has the same work, then cleans up. */
    static void reset(String url, boolean pg, String t) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (pg) {
                st.execute("ALTER TABLE " + t + " DISABLE TRIGGER " + t + "_sync");
                st.execute("UPDATE " + t + " SET full_name = NULL WHERE full_name IS NOT NULL");
                st.execute("ALTER TABLE " + t + " ENABLE TRIGGER " + t + "_sync");
                st.execute("VACUUM FULL " + t);
                st.execute("VACUUM ANALYZE " + t);
            } else {
                st.execute("DROP TRIGGER " + t + "_sync_u");
                st.execute("UPDATE " + t + " SET full_name = NULL WHERE full_name IS NOT NULL");
                st.execute("CREATE TRIGGER " + t + "_sync_u BEFORE UPDATE ON " + t + " FOR EACH ROW BEGIN"
                        + " IF NOT (NEW.full_name <=> OLD.full_name) THEN SET NEW.name = NEW.full_name;"
                        + " ELSEIF NOT (NEW.name <=> OLD.name) THEN SET NEW.full_name = NEW.name; END IF; END");
            }
        }
    }

    static void settle(String url, boolean pg) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (pg) {
                st.execute("CHECKPOINT");
            }
        }
    }

    static void run(String url, boolean pg, long rows, String variant, String table) throws Exception {
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> waits = new TreeMap<>();
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger writerPid = new AtomicInteger();
        long[] hot0 = pg ? hot(url) : new long[2];
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url);
                 PreparedStatement ps = c.prepareStatement("UPDATE t SET email = ? WHERE id = ?")) {
                if (pg) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        writerPid.set(rs.getInt(1));
                    }
                }
                while (go.get()) {
                    long id = ThreadLocalRandom.current().nextLong(1, rows + 1);
                    long t0 = System.nanoTime();
                    ps.setString(1, "w" + t0);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                    writes.add(new Write(t0, System.nanoTime(), id));
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Thread sampler = null;
        if (pg) {
            sampler = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement ps = c.prepareStatement("SELECT coalesce(wait_event_type || ':' || wait_event,"
                             + " 'CPU') FROM pg_stat_activity WHERE pid = ? AND state = 'active'")) {
                    while (go.get()) {
                        ps.setInt(1, writerPid.get());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                synchronized (waits) {
                                    waits.merge(rs.getString(1), 1, Integer::sum);
                                }
                            }
                        }
                        Thread.sleep(1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sampler.start();
        }
        Thread.sleep(500);
        long t0 = System.nanoTime();
        if (variant.equals("idle")) {
            Thread.sleep(6_000);
        } else {
            int size = variant.equals("own-1000") ? 1_000 : 10_000;
            loop(url, pg, table, rows, size, variant.equals("own-skiplocked"), batches);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        go.set(false);
        writer.join();
        if (sampler != null) {
            sampler.join();
        }
        Thread.sleep(pg ? 1_200 : 0); // table statistics reach pg_stat_user_tables within a second
        long[] hot1 = pg ? hot(url) : new long[2];
        // each write: did its key fall in the range of a batch in flight while it ran?
        List<Long> all = new ArrayList<>();
        List<Long> hit = new ArrayList<>();
        List<Long> miss = new ArrayList<>();
        List<Batch> bs = new ArrayList<>(batches);
        for (Write w : new ArrayList<>(writes)) {
            if (w.startNs() < t0) {
                continue;
            }
            all.add(w.micros());
            boolean inRange = table.equals("t") && bs.stream().anyMatch(b -> b.startNs() < w.endNs() && b.endNs() > w.startNs()
                    && w.id() > b.lo() && w.id() <= b.hi());
            (inRange ? hit : miss).add(w.micros());
        }
        System.out.printf(Locale.ROOT, "%-15s %6d ms  %9.0f rows/s  writes %5d p50 %5.2f p99 %6.2f max %6.1f | hits %3d"
                        + " (%.2f%%) p50 %6.1f max %6.1f | others p99 %6.2f | upd %d hot %d | load %s%n",
                variant, ms, variant.equals("idle") ? 0 : rows * 1000.0 / ms, all.size(), pct(all, 0.5),
                pct(all, 0.99), pct(all, 1.0), hit.size(), 100.0 * hit.size() / Math.max(1, all.size()), pct(hit, 0.5),
                pct(hit, 1.0), pct(miss, 0.99), hot1[0] - hot0[0], hot1[1] - hot0[1], load());
        if (pg) {
            int total = waits.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder sb = new StringBuilder("    writer active samples " + total + ":");
            waits.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8).forEach(e ->
                    sb.append(String.format(Locale.ROOT, " %s %.1f%%", e.getKey(), 100.0 * e.getValue() / total)));
            System.out.println(sb);
        }
    }

    static void loop(String url, boolean pg, String table, long rows, int size, boolean skipLocked,
                     List<Batch> batches) {
        String sql = skipLocked && pg
                ? "UPDATE " + table + " SET full_name = name WHERE id IN (SELECT id FROM " + table + " WHERE id > ?"
                  + " AND id <= ? AND full_name IS DISTINCT FROM name FOR UPDATE SKIP LOCKED)"
                : skipLocked
                ? "UPDATE " + table + " SET full_name = name WHERE id > ? AND id <= ? AND full_name IS NULL"
                : "UPDATE " + table + " SET full_name = name WHERE id > ? AND id <= ? AND full_name IS DISTINCT FROM"
                  + (pg ? " name" : "") + (pg ? "" : "");
        if (!pg && !skipLocked) {
            sql = "UPDATE " + table + " SET full_name = name WHERE id > ? AND id <= ? AND NOT (full_name <=> name)";
        }
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            try (Statement st = c.createStatement()) {
                st.execute(pg ? "SET synchronous_commit = off" : "SET SESSION innodb_lock_wait_timeout = 2");
            }
            for (long from = 0; from < rows; from += size) {
                ps.setLong(1, from);
                ps.setLong(2, from + size);
                long b0 = System.nanoTime();
                ps.executeUpdate();
                batches.add(new Batch(b0, System.nanoTime(), from, from + size));
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long[] hot(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                     + " WHERE relid = 't'::regclass")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * p) - 1)) / 1000.0;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
