package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.BackfillStatement;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.MinKey;
import dev.migrationstrategist.statement.ResyncColumn;
import dev.migrationstrategist.statement.KeyParameters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs a backfill step as the plan wrote it: keyset batches over the primary key, each batch and its checkpoint
 * in one short transaction (so a kill at any moment loses nothing and writes nothing twice), a pause between
 * batches, a batch size that adapts to keep each batch near the target time, lock-timeout retries, and progress
 * with rows/s and ETA. It runs the step's statements, not its SQL text: each is rendered with JDBC parameters where the
 * plan shows {@code :last_id}, {@code :next_id}, {@code :batch_size}, and bound in the order the statement names them.
 */
final class BackfillRunner {
    static final int MIN_BATCH = 100;
    static final int MAX_BATCH = 100_000;
    private final Connection connection;
    private final Dialect dialect;
    private final StateStore state;
    private final ApplyOptions options;
    private final ApplyLog log;
    private final ReplicaThrottle replicas;
    /** Where the latency probe connects (its own session); null: no probe, no latency budget. */
    private final Database probeDatabase;

    /** What a finished backfill did, and the pace it kept (the probe's samples when it ran under a budget). */
    record Result(long rows, int batches, long millis, long longestBatchMillis, List<Pacer.Move> moves,
                  List<LatencyProbe.Sample> probeSamples, double baselineMs, double budgetMs) {
        Result(long rows, int batches, long millis, long longestBatchMillis) {
            this(rows, batches, millis, longestBatchMillis, List.of(), List.of(), Double.NaN, Double.NaN);
        }
    }

    BackfillRunner(Connection connection, Dialect dialect, StateStore state, ApplyOptions options, ApplyLog log,
                   ReplicaThrottle replicas) {
        this(connection, dialect, state, options, log, replicas, null);
    }

    BackfillRunner(Connection connection, Dialect dialect, StateStore state, ApplyOptions options, ApplyLog log,
                   ReplicaThrottle replicas, Database probeDatabase) {
        this.probeDatabase = probeDatabase;
        this.connection = connection;
        this.dialect = dialect;
        this.state = state;
        this.options = options;
        this.log = log;
        this.replicas = replicas;
    }

    Result run(String planId, BackfillStep step, StepState recorded) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String setting : sessionStatements(dialect, options)) {
                st.execute(setting);
            }
        }
        List<String> quiet = quietStatements(dialect, step);
        try {
            try (Statement st = connection.createStatement()) {
                for (String setting : quiet) {
                    st.execute(setting);
                }
            } catch (SQLException e) {
                throw new SQLException("the backfill of " + step.targetTable() + " must not fire "
                        + String.join(", ", step.batch().statement().quietTriggers().stream().map(Object::toString)
                        .toList()) + " (the plan says so), and " + quiet.get(0) + " failed: "
                        + Database.firstLine(e.getMessage()) + "; run apply as a superuser or GRANT SET ON PARAMETER"
                        + " session_replication_role TO the apply role (PostgreSQL 15+), then run apply again",
                        e.getSQLState(), e);
            }
            return batches(planId, step, recorded);
        } finally {
            try (Statement st = connection.createStatement()) {
                for (String reset : sessionResets(dialect)) {
                    st.execute(reset);
                }
                if (!quiet.isEmpty()) {
                    st.execute(dialect.quietTriggersReset());
                }
            }
        }
    }

    /**
     * The session statement that keeps the table's own triggers from firing for this backfill's batches, where the
     * batch names triggers that must not fire and the dialect has such a statement; else nothing.
     */
    static List<String> quietStatements(Dialect dialect, BackfillStep step) {
        String quiet = dialect.quietTriggersStatement();
        return quiet == null || step.batch().statement().quietTriggers().isEmpty() ? List.of() : List.of(quiet);
    }

    /**
     * The backfill session's settings, in order; {@code apply --dry-run} prints these same statements.
     * <ul>
     * <li>The lock timeout: a batch waits at most that long for a lock and is retried with backoff.</li>
     * <li>PostgreSQL: {@code synchronous_commit = off}. A batch and its checkpoint commit in one transaction, so if the
     * server crashes before an asynchronous commit reaches disk, the batch and its checkpoint are lost together and
     * the rerun redoes it; and any later synchronous commit (the step's "done" record, the next DDL) flushes every
     * earlier one, since the WAL is written in order. Not waiting for each batch's flush lowers the write-ahead log
     * contention that the application's own commits feel (bench/backfill: the writer's p99 during the backfill fell
     * from 5.9 to 3.8 ms).</li>
     * <li>MySQL/MariaDB: {@code innodb_lock_wait_timeout} as well (default 50 s): a batch waiting on an application's
     * row lock would otherwise hold its own row locks, and the application's writes queued behind them, for up to
     * 50 s.</li>
     * </ul>
     */
    static List<String> sessionStatements(Dialect dialect, ApplyOptions options) {
        Duration timeout = options.lockTimeout() == null ? Duration.ofSeconds(2) : options.lockTimeout();
        String lock = dialect.lockTimeoutStatement(timeout);
        if (dialect instanceof MySqlDialect my) {
            return List.of(lock, my.rowLockTimeoutStatement(timeout));
        }
        return List.of(lock, "SET synchronous_commit = off;");
    }

    /** Puts back the settings that later steps on the same session must not inherit. */
    static List<String> sessionResets(Dialect dialect) {
        return dialect instanceof PostgresDialect ? List.of("SET synchronous_commit TO DEFAULT;")
                : List.of("SET SESSION innodb_lock_wait_timeout = DEFAULT;");
    }

    private Result batches(String planId, BackfillStep step, StepState recorded) throws SQLException {
        int batchSize = options.batchSize() > 0 ? options.batchSize() : step.batchSize();
        if (recorded.checkpoint() != null && !step.walksPartitions()) {
            log.info("  resuming the backfill after " + step.keyWords() + " = " + recorded.checkpoint() + " ("
                    + fmt(recorded.rowsDone()) + " rows done)");
        }
        long estimate = estimateRows(step.batch().statement().rangeTable());
        Pacer pacer = new Pacer(batchSize, options.pause(), options.batchTarget(), estimate,
                probeDatabase == null ? 0 : latencyRatio());
        if (pacer.batch() < batchSize) {
            log.info("  batches of at most " + fmt(pacer.batch()) + " rows (1/" + Pacer.LOCK_SHARE_DIVISOR + " of ~"
                    + fmt(estimate) + "): an application write waits for a batch only when it lands on one of its"
                    + " rows");
        }
        LatencyProbe probe = pacer.budgeted() && estimate >= PROBE_MIN_ROWS ? startProbe(pacer) : null;
        try {
            Result r;
            if (step.walksPartitions()) {
                r = partitions(planId, step, recorded, pacer, probe);
            } else {
                Pass pass = new Pass(step.batch().statement(), step.nextKey().statement(),
                        "backfill " + step.targetTable() + "." + step.details(), "step " + step.number()
                        + " (backfill)", step.number(), pacer, true,
                        (nextKey, rows) -> state.checkpoint(planId, step.number(), nextKey, rows), probe);
                r = pass.run(recorded.checkpoint(), recorded.rowsDone());
            }
            log.info("  backfill " + step.targetTable() + "." + step.details() + ": " + fmt(r.rows())
                    + " rows updated in " + r.batches() + " batches, " + r.millis() + " ms, longest batch "
                    + r.longestBatchMillis() + " ms");
            if (probe == null) {
                return r;
            }
            List<LatencyProbe.Sample> samples = probe.samples();
            long over = pacer.moves().stream().filter(Pacer.Move::overBudget).count();
            log.info(String.format(Locale.ROOT, "  pacing: probe p99 %.2f ms over the backfill (%d commits; baseline"
                    + " %.2f ms, budget %.2f ms); %d slow-downs, %d speed-ups; ended at %s",
                    LatencyProbe.percentile(samples.stream().map(LatencyProbe.Sample::millis).toList(), 0.99),
                    samples.size(), pacer.baselineMs(), pacer.budgetMs(), over, pacer.moves().size() - over,
                    pacer.describe()));
            return new Result(r.rows(), r.batches(), r.millis(), r.longestBatchMillis(), pacer.moves(), samples,
                    pacer.baselineMs(), pacer.budgetMs());
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    /**
     * A per-partition backfill: one keyset pass per leaf partition, in the walk's order ({@link PartitionLeaves}),
     * each batch addressed to the partition and checkpointed with it ({@link PartitionCursor}); when a partition is
     * finished the checkpoint names the next one. A rerun resumes in the checkpoint's partition, after its key, and
     * never walks the partitions before it again. The batches are numbered across partitions (fault points).
     */
    private Result partitions(String planId, BackfillStep step, StepState recorded, Pacer pacer, LatencyProbe probe)
            throws SQLException {
        List<Ident> walk = PartitionLeaves.walk(step.partitions(),
                PartitionLeaves.inCatalog(connection, dialect.quote(Ident.of(step.targetTable()))));
        List<Ident> added = walk.stream().filter(p -> !step.partitions().contains(p)).toList();
        List<Ident> gone = step.partitions().stream().filter(p -> !walk.contains(p)).toList();
        if (!added.isEmpty()) {
            log.info("  " + added.size() + " leaf partition(s) of " + step.targetTable() + " created since the plan"
                    + " was made are walked too, after the planned ones: " + names(added));
        }
        if (!gone.isEmpty()) {
            log.info("  planned partition(s) no longer in " + step.targetTable() + " (detached or dropped), not"
                    + " walked: " + names(gone));
        }
        PartitionCursor at = PartitionCursor.parse(recorded.checkpoint());
        int start = 0;
        String key = null;
        if (at != null) {
            start = walk.indexOf(at.partition());
            if (start < 0) {
                log.info("  the checkpoint's partition " + at.partition() + " is no longer a leaf of "
                        + step.targetTable() + ": the walk starts again at the first partition (its batches change"
                        + " only rows that still differ)");
                start = 0;
            } else {
                key = at.key();
                log.info("  resuming in partition " + at.partition() + " (" + (start + 1) + " of " + walk.size()
                        + ")" + (key == null ? ", from its first key" : ", after " + step.keyWords() + " = " + key)
                        + "; the " + start + " before it are finished");
            }
        }
        long rows = recorded.rowsDone();
        long started = System.nanoTime();
        long longest = 0;
        int batches = 0;
        for (int i = start; i < walk.size(); i++) {
            Ident partition = walk.get(i);
            BatchStatement batch = step.batchOn(partition);
            Pass pass = new Pass(batch, batch.nextKey(), "backfill " + step.targetTable() + "." + step.details()
                    + ", partition " + partition + " (" + (i + 1) + "/" + walk.size() + ")", "step " + step.number()
                    + " (backfill, partition " + partition + ")", step.number(), pacer, true,
                    (nextKey, n) -> state.checkpoint(planId, step.number(),
                            new PartitionCursor(partition, nextKey).text(), n), probe);
            Result r = pass.run(i == start ? key : null, rows, batches);
            log.info("  partition " + partition + " (" + (i + 1) + "/" + walk.size() + "): " + fmt(r.rows() - rows)
                    + " rows in " + r.batches() + " batches, " + r.millis() + " ms");
            rows = r.rows();
            batches += r.batches();
            longest = Math.max(longest, r.longestBatchMillis());
            if (i + 1 < walk.size()) {
                state.nextPartition(planId, step.number(), new PartitionCursor(walk.get(i + 1), null).text(), rows);
            }
        }
        return new Result(rows, batches, (System.nanoTime() - started) / 1_000_000, longest);
    }

    private static String names(List<Ident> idents) {
        return String.join(", ", idents.stream().map(Ident::name).toList());
    }

    /**
     * Below this many rows (the catalog's estimate) the backfill runs without the probe: it ends in about the time the
     * baseline takes, and its few batches are capped by the lock share anyway.
     */
    static final long PROBE_MIN_ROWS = 50_000;

    /** How long the probe measures before the first batch: its p99 then is the baseline the budget multiplies. */
    static final Duration BASELINE = Duration.ofSeconds(2);

    /**
     * Starts the probe and takes the baseline; a probe that cannot start (no right to create its table) leaves the
     * backfill unbudgeted, with a line saying so.
     */
    private LatencyProbe startProbe(Pacer pacer) {
        LatencyProbe probe;
        try {
            probe = LatencyProbe.start(probeDatabase.connect());
        } catch (SQLException | RuntimeException e) {
            log.info("  latency budget off: the probe could not start (" + Database.firstLine(e.getMessage()) + ")");
            return null;
        }
        double baseline = probe.baseline(BASELINE);
        if (Double.isNaN(baseline)) {
            probe.close();
            log.info("  latency budget off: the probe stopped before its baseline");
            return null;
        }
        pacer.baseline(Math.max(baseline, MIN_BASELINE_MS));
        log.info(String.format(Locale.ROOT, "  latency budget: probe commit p99 %.2f ms before the backfill (%d commits"
                + " in %d s), budget %.2f ms (--max-latency-ratio %s)", baseline, probe.samples().size(),
                BASELINE.toSeconds(), pacer.budgetMs(), ratioText(latencyRatio())
                + (options.maxLatencyRatio() == ApplyOptions.DEFAULT_LATENCY_RATIO ? ", " + dialect.displayName()
                + "'s default" : "")));
        return probe;
    }

    /** A floor under the baseline: below it, one scheduler tick on the client would read as a budget overrun. */
    static final double MIN_BASELINE_MS = 0.5;

    /** The budget in force: the operator's, or the dialect's default (chosen from the floor measured on it). */
    private double latencyRatio() {
        double r = options.maxLatencyRatio();
        return r == ApplyOptions.DEFAULT_LATENCY_RATIO ? dialect.defaultMaxLatencyRatio() : r;
    }

    static String ratioText(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /**
     * Runs a {@link ResyncColumn} as a keyset pass from the first key, with the backfill's batches: its lock timeout
     * (and, on MySQL/MariaDB, row-lock timeout), retries on lock timeouts and deadlocks, replica throttle, pause,
     * adaptive batch size and progress. It keeps no checkpoint: a rerun repeats the pass (it writes only the rows that
     * differ). {@code inTransaction}: the caller's open transaction holds the batches (no commit of their own, no
     * retry of their own: the caller retries the whole transaction), for a transactional step.
     *
     * @return the rows it changed
     */
    long resync(ResyncColumn resync, boolean inTransaction) throws SQLException {
        CopyBatch batch = dialect.resyncBatch(resync);
        int size = options.batchSize() > 0 ? options.batchSize() : RESYNC_BATCH;
        // no lock share cap here (estimate 0): a re-sync writes only the rows that differ, usually none, and with the
        // cap its scan of the whole table took 200 batches per 100,000 rows (2.7 s of a contract step in
        // TypeChangeBench); it keeps its adaptive size as before
        Pacer pacer = new Pacer(size, options.pause(), options.batchTarget(), 0, 0);
        Pass pass = new Pass(batch, batch.nextKey(), "re-sync " + resync.table().name() + "."
                + resync.target().name(), "re-sync of " + resync.table().name() + "." + resync.target().name(), 0,
                pacer, !inTransaction, null, null);
        if (inTransaction) {
            return pass.run(null, 0).rows();
        }
        try (Statement st = connection.createStatement()) {
            for (String setting : sessionStatements(dialect, options)) {
                st.execute(setting);
            }
        }
        try {
            return pass.run(null, 0).rows();
        } finally {
            try (Statement st = connection.createStatement()) {
                for (String reset : sessionResets(dialect)) {
                    st.execute(reset);
                }
            }
        }
    }

    /** The first batch size of a re-sync pass when the operator gives none (it adapts afterwards). */
    static final int RESYNC_BATCH = 10_000;

    /** Where a pass records each batch's upper key and the rows done so far, in the batch's transaction. */
    private interface Checkpoint {
        void save(String nextKey, long rows) throws SQLException;
    }

    /**
     * One keyset pass of a batch statement over its range table: the first key from its {@link MinKey}, each upper key
     * from {@code nextKey}, each batch (with its checkpoint, if any) in one transaction retried on lock timeouts and
     * deadlocks, the replica throttle before and the pause after each batch, the batch size adapting to the target
     * time, progress with rows/s and ETA.
     *
     * @param faultStep the step number of the batch fault points, 0 for none
     * @param ownTransactions false: inside the caller's transaction (no commit, errors go to the caller)
     */
    private final class Pass {
        private final BatchStatement batch;
        private final BackfillStatement nextKey;
        private final String meterLabel;
        private final String who;
        private final int faultStep;
        private final boolean ownTransactions;
        private final Checkpoint checkpoint;
        private final Pacer pacer;
        private final LatencyProbe probe;
        private long windowStart = System.nanoTime();
        private boolean retried;
        private String firstLowerBound;
        private boolean minKeyRead;

        Pass(BatchStatement batch, BackfillStatement nextKey, String meterLabel, String who, int faultStep,
             Pacer pacer, boolean ownTransactions, Checkpoint checkpoint, LatencyProbe probe) {
            this.batch = batch;
            this.nextKey = nextKey;
            this.meterLabel = meterLabel;
            this.who = who;
            this.faultStep = faultStep;
            this.pacer = pacer;
            this.probe = probe;
            this.ownTransactions = ownTransactions;
            this.checkpoint = checkpoint;
        }

        Result run(String lastKey, long rowsBefore) throws SQLException {
            return run(lastKey, rowsBefore, 0);
        }

        /** @param batchesBefore batches of the same step this run already did (the fault points count on) */
        Result run(String lastKey, long rowsBefore, int batchesBefore) throws SQLException {
            long rows = rowsBefore;
            long estimate = estimateRows(batch.rangeTable());
            long started = System.nanoTime();
            long longest = 0;
            int batches = 0;
            try (ApplyLog.Meter meter = log.meter(meterLabel, estimate)) {
                meter.update(rows, "starting");
                while (true) {
                    boolean first = lastKey == null;
                    String upper = upperKey(lastKey, first);
                    if (upper == null) {
                        break;
                    }
                    if (replicas.awaitReplicas()) {
                        pacer.heldBy(Pacer.Limit.REPLICA_LAG);
                    }
                    retried = false;
                    long t0 = System.nanoTime();
                    if (faultStep > 0) {
                        FaultPoint.batch(faultStep, batchesBefore + batches + 1, false);
                    }
                    long updated = batch(lastKey, upper, first, rows);
                    if (faultStep > 0) {
                        FaultPoint.batch(faultStep, batchesBefore + batches + 1, true);
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    longest = Math.max(longest, ms);
                    rows += updated;
                    lastKey = upper;
                    batches++;
                    pacer.afterBatch(ms);
                    int movesBefore = pacer.moves().size();
                    int pinnedBefore = pacer.pinnedWindows();
                    if (probe != null && pacer.afterWindow(probe.since(windowStart), probe.inFlightMillis())) {
                        windowStart = System.nanoTime();
                        if (pacer.moves().size() > movesBefore) {
                            log.info("  pacing: " + pacer.moves().get(movesBefore).describe());
                        }
                        if (pinnedBefore == 0 && pacer.pinnedWindows() == 1) {
                            log.info(String.format(Locale.ROOT, "  pacing: still over the budget (%.2f ms) at the"
                                    + " slowest pace (batch %,d, pause %d ms): the budget is below what the server"
                                    + " gives with this backfill nearly idle; it goes on at this pace (raise"
                                    + " --max-latency-ratio, or stop it and rerun later: it resumes)",
                                    pacer.budgetMs(), pacer.batch(), pacer.pauseMs()));
                        }
                    }
                    if (retried) {
                        pacer.heldBy(Pacer.Limit.LOCKS);
                    }
                    meter.update(rows, detail(rows - rowsBefore, estimate - rows, started, pacer, ms));
                    if (ownTransactions && pacer.pauseMs() > 0) {
                        // never while the caller's transaction holds its locks
                        Retry.sleep(Duration.ofMillis(pacer.pauseMs()));
                    }
                }
            }
            return new Result(rows, batches, (System.nanoTime() - started) / 1_000_000, longest);
        }

        /** The upper key of the next batch, or null when no key is left after {@code lastKey}. */
        private String upperKey(String lastKey, boolean first) throws SQLException {
            String from = first ? minKey() : lastKey;
            if (from == null) {
                return null;
            }
            try (PreparedStatement ps = prepare(nextKey, first)) {
                bind(ps, nextKey, from, null, pacer.batch());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? KeyCursor.read(rs, batch.keyColumns().size()) : null;
                }
            }
        }

        /** The smallest key of the range table: where the first batch starts (it includes that key). */
        private String minKey() throws SQLException {
            if (!minKeyRead) {
                try (PreparedStatement ps = connection.prepareStatement(dialect.render(batch.minKey()));
                     ResultSet rs = ps.executeQuery()) {
                    firstLowerBound = rs.next() ? KeyCursor.read(rs, batch.keyColumns().size()) : null;
                }
                minKeyRead = true;
            }
            return firstLowerBound;
        }

        /** One batch and its checkpoint, in one transaction; retried on lock timeouts and deadlocks. */
        private long batch(String lastKey, String upper, boolean first, long rowsBefore) throws SQLException {
            String from = first ? minKey() : lastKey;
            if (!ownTransactions) {
                try (PreparedStatement ps = prepare(batch, first)) {
                    bind(ps, batch, from, upper, null);
                    return ps.executeUpdate();
                }
            }
            for (int attempt = 1; ; attempt++) {
                connection.setAutoCommit(false);
                try (PreparedStatement ps = prepare(batch, first)) {
                    bind(ps, batch, from, upper, null);
                    long n = ps.executeUpdate();
                    if (checkpoint != null) {
                        checkpoint.save(upper, rowsBefore + n);
                    }
                    connection.commit();
                    return n;
                } catch (SQLException e) {
                    connection.rollback();
                    SqlErrors.Kind kind = SqlErrors.classify(e);
                    if (kind == SqlErrors.Kind.FATAL || attempt >= options.maxAttempts()) {
                        throw new StrategistException(ErrorCode.FAILED_SAFELY, who + " failed in the batch after "
                                + batch.keyColumn() + " = " + from + ": " + Database.firstLine(e.getMessage())
                                + " (rerun apply to resume" + (checkpoint != null ? " from the last batch)" : ")"), e);
                    }
                    retried = true;
                    Duration wait = Retry.backoff(attempt, options.baseBackoff(), options.maxBackoff());
                    log.info("  " + who + ", batch after " + from + ": " + (kind == SqlErrors.Kind.LOCK_TIMEOUT
                            ? "lock wait" : "deadlock") + ", retrying in " + wait.toMillis() + " ms");
                    Retry.sleep(wait);
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** The statement as JDBC runs it: {@code ?} for each parameter, {@code >=} for the first batch's lower bound. */
    private PreparedStatement prepare(BackfillStatement statement, boolean first) throws SQLException {
        return connection.prepareStatement(dialect.render(statement,
                first ? KeyParameters.JDBC_FIRST : KeyParameters.JDBC));
    }

    /** Binds the statement's parameters in the order its rendering holds them; null: the caller has no such value. */
    private void bind(PreparedStatement ps, BackfillStatement statement, String lastKey, String nextKey,
                      Integer batchSize) throws SQLException {
        var slots = statement.slots();
        int columns = 1 + slots.stream().mapToInt(KeyParameters.Slot::part).max().orElse(0);
        for (int i = 0; i < slots.size(); i++) {
            KeyParameters.Slot slot = slots.get(i);
            KeyParameters.Param p = slot.param();
            Object value = switch (p) {
                case LAST_ID -> lastKey;
                case NEXT_ID -> nextKey;
                case BATCH_SIZE -> batchSize;
            };
            if (value == null) {
                throw new IllegalStateException(statement.kind() + " needs " + p.named() + " here");
            }
            if (p == KeyParameters.Param.BATCH_SIZE) {
                ps.setInt(i + 1, batchSize);
            } else {
                setKey(ps, i + 1, KeyCursor.part((String) value, slot.part(), columns));
            }
        }
    }

    /** Keys travel as text and are typed by the server, so any orderable key type works. */
    private void setKey(PreparedStatement ps, int index, String key) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            ps.setObject(index, key, Types.OTHER);
        } else {
            ps.setString(index, key);
        }
    }

    /** The catalog's row estimate of the table the batches range over (0 when it has none). */
    private long estimateRows(Ident table) {
        boolean postgres = dialect instanceof PostgresDialect;
        String sql = postgres
                ? "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)"
                : "SELECT table_rows FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, postgres ? dialect.quote(table) : table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Rate of this run, ETA for the rows still expected, and the batch size now. */
    private static String detail(long doneThisRun, long remaining, long started, Pacer pacer, long lastMs) {
        double secs = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        long rate = Math.round(doneThisRun / secs);
        StringBuilder sb = new StringBuilder(fmt(rate)).append(" rows/s");
        if (remaining > 0 && rate > 0) {
            sb.append(", ETA ").append(remaining / rate).append(" s");
        }
        sb.append(", ").append(pacer.describe()).append(" (last batch ").append(lastMs).append(" ms)");
        return sb.toString();
    }

    private static String fmt(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }
}
