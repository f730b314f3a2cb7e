import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.Assignment;
import dev.migrationstrategist.statement.BackfillStatement;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.KeyComparison;
import dev.migrationstrategist.statement.KeyParameters;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A backfill of a range-partitioned PostgreSQL table walked two ways, in one run, with the statements the plan holds
 * (a {@link CopyBatch} over the key {@code (day, id)}, its NextKey and MinKey, rendered by the dialect, bound as
 * apply binds them, each batch in its own transaction):
 * <ul>
 * <li><b>parent</b>: one key cursor over the partitioned parent (what the plan did before issue 15's per-partition
 * walk);</li>
 * <li><b>per partition</b>: one key cursor per leaf, every batch addressed to the partition
 * ({@link CopyBatch#onPartition}).</li>
 * </ul>
 * The table has {@code PARTITIONS} daily partitions of {@code ROWS / PARTITIONS} rows; between walks the target column
 * is reset and the table vacuumed. The walks run in the order per-partition, parent, parent, per-partition, so
 * neither always runs on a warmer cache. Prints each walk's batch times (median, p90, max: the UPDATE alone), the
 * next-key query times, and the total time.
 *
 * <pre>
 * java -cp target/migration-strategist.jar bench/partition/PartitionBackfillBench.java [JDBC_URL] [PARTITIONS] [ROWS] [BATCH]
 * </pre>
 * Defaults: {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, 200 partitions, 200,000 rows, batches of
 * 1,000. It creates and drops the schema {@code pp_bench}.
 */
public class PartitionBackfillBench {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        Dialect dialect = Dialects.parse("postgresql:15");
        try (Connection c = DriverManager.getConnection(url)) {
            setUp(c, partitions, rows);
            System.out.printf(Locale.ROOT, "%,d rows in %d range partitions (%,d each), batches of %,d, key (day, id);"
                    + " load average %s%n", rows, partitions, rows / partitions, batch, load());
            CopyBatch template = CopyBatch.over(Ident.of("orders"), List.of(Ident.of("day"), Ident.of("id")),
                    KeyComparison.ROW_VALUE, List.of(new Assignment(Ident.of("amount_new"), "amount")),
                    "amount_new IS DISTINCT FROM amount", List.of());
            List<Ident> leaves = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT c.relname FROM"
                    + " pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'orders'::regclass"
                    + " ORDER BY c.oid")) {
                while (rs.next()) {
                    leaves.add(Ident.of(rs.getString(1)));
                }
            }
            String[] order = {"per partition", "parent", "parent", "per partition"};
            for (String walk : order) {
                reset(c);
                Walk w = new Walk(c, dialect, batch);
                long t0 = System.nanoTime();
                if (walk.equals("parent")) {
                    w.pass(template);
                } else {
                    for (Ident leaf : leaves) {
                        w.pass(template.onPartition(leaf));
                    }
                }
                long total = (System.nanoTime() - t0) / 1_000_000;
                long left = count(c, "SELECT count(*) FROM orders WHERE amount_new IS DISTINCT FROM amount");
                System.out.printf(Locale.ROOT, "%-14s %,d rows in %d batches, total %,d ms; batch (UPDATE) median"
                        + " %.1f ms, p90 %.1f, max %.1f; next key median %.1f ms; rows left %d%n", walk, w.rows,
                        w.batchMs.size(), total, pct(w.batchMs, 0.5), pct(w.batchMs, 0.9), pct(w.batchMs, 1.0),
                        pct(w.nextKeyMs, 0.5), left);
            }
            System.out.println("load average at the end " + load());
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA pp_bench CASCADE");
            }
        }
    }

    private static void setUp(Connection c, int partitions, int rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS pp_bench CASCADE");
            st.execute("CREATE SCHEMA pp_bench");
            st.execute("SET search_path = pp_bench");
            st.execute("CREATE TABLE orders (id bigint NOT NULL, day date NOT NULL, amount integer NOT NULL,"
                    + " amount_new bigint, PRIMARY KEY (day, id)) PARTITION BY RANGE (day)");
            for (int i = 0; i < partitions; i++) {
                st.execute("CREATE TABLE orders_d" + i + " PARTITION OF orders FOR VALUES FROM (date '2024-01-01' + "
                        + i + ") TO (date '2024-01-01' + " + (i + 1) + ")");
            }
            st.execute("INSERT INTO orders (id, day, amount) SELECT g, date '2024-01-01' + (g % " + partitions
                    + "), g % 1000 FROM generate_series(1, " + rows + ") g");
            st.execute("VACUUM ANALYZE orders");
            st.execute("SET synchronous_commit = off"); // as apply's backfill session
        }
    }

    private static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE orders SET amount_new = NULL");
            st.execute("VACUUM ANALYZE orders");
        }
    }

    /** Keyset passes as apply runs them: MinKey, then NextKey and the batch until no key is left. */
    static final class Walk {
        final Connection c;
        final Dialect dialect;
        final int batch;
        final List<Double> batchMs = new ArrayList<>();
        final List<Double> nextKeyMs = new ArrayList<>();
        long rows;

        Walk(Connection c, Dialect dialect, int batch) {
            this.c = c;
            this.dialect = dialect;
            this.batch = batch;
        }

        void pass(CopyBatch b) throws SQLException {
            List<String> from;
            try (PreparedStatement ps = c.prepareStatement(dialect.render(b.minKey())); ResultSet rs = ps.executeQuery()) {
                from = rs.next() ? List.of(rs.getString(1), rs.getString(2)) : null;
            }
            boolean first = true;
            while (from != null) {
                long t0 = System.nanoTime();
                List<String> upper;
                try (PreparedStatement ps = c.prepareStatement(dialect.render(b.nextKey(), first
                        ? KeyParameters.JDBC_FIRST : KeyParameters.JDBC))) {
                    bind(ps, b.nextKey(), from, null);
                    try (ResultSet rs = ps.executeQuery()) {
                        upper = rs.next() ? List.of(rs.getString(1), rs.getString(2)) : null;
                    }
                }
                nextKeyMs.add((System.nanoTime() - t0) / 1e6);
                if (upper == null) {
                    return;
                }
                long t1 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(dialect.render(b, first ? KeyParameters.JDBC_FIRST
                        : KeyParameters.JDBC))) {
                    bind(ps, b, from, upper);
                    rows += ps.executeUpdate(); // autocommit: each batch its own transaction
                }
                batchMs.add((System.nanoTime() - t1) / 1e6);
                from = upper;
                first = false;
            }
        }

        private void bind(PreparedStatement ps, BackfillStatement s, List<String> last, List<String> next)
                throws SQLException {
            var slots = s.slots();
            for (int i = 0; i < slots.size(); i++) {
                var slot = slots.get(i);
                switch (slot.param()) {
                    case LAST_ID -> ps.setObject(i + 1, last.get(slot.part()), Types.OTHER);
                    case NEXT_ID -> ps.setObject(i + 1, next.get(slot.part()), Types.OTHER);
                    case BATCH_SIZE -> ps.setInt(i + 1, batch);
                }
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1 < 0 ? 0
                : (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
