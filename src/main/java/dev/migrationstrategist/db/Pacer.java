package dev.migrationstrategist.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets the backfill's pace (rows per batch, pause between batches) from what each batch cost and, with a latency
 * budget, from what the application felt meanwhile.
 *
 * <ul>
 * <li><b>Lock share</b>: a batch holds its rows' locks until it commits, and an application write that lands on one
 * of them waits for the commit. A random write lands in the batch in flight with probability (batch rows / table
 * rows) x (share of the time a batch is in flight); at 10,000-row batches on a 1,000,000-row table that is about 1 %
 * of the writes, exactly where their p99 sits (bench/backfill/README.md, "Own table"). So a batch covers at most
 * {@link #LOCK_SHARE_DIVISOR 1/200} of the table's rows (0.5 %; at 1/400 the per-batch round trips cost a
 * 100,000-row backfill most of its throughput in bench/backfill), at least {@link BackfillRunner#MIN_BATCH}; not with a
 * batch target of 0, which keeps the operator's batch size fixed.</li>
 * <li><b>Batch target</b>: a batch slower than 1.5x the target halves, one faster than half the target grows by
 * half (as before).</li>
 * <li><b>Latency budget</b> ({@code --max-latency-ratio R}): the {@link LatencyProbe}'s samples since the last
 * decision (at least {@link #MIN_WINDOW}) are compared with R x the baseline p99 taken before the first batch.
 * Over budget: the batch (and the ceiling the batch target may grow it to) halves and the pause doubles (at least 10 ms, at most 1 s), multiplicative decrease; within
 * budget: the pause shrinks by a quarter (down to none: under a budget the operator's pause is only where it starts), then the batch ceiling grows by a tenth of the lock
 * share cap, additive increase. Without a budget the pause is the operator's, fixed.</li>
 * </ul>
 * It keeps no state across runs: a resumed backfill takes a new baseline and starts from the operator's settings.
 */
final class Pacer {
    static final int LOCK_SHARE_DIVISOR = 200;
    static final int MIN_WINDOW = 25;
    static final long MAX_PAUSE_MS = 1_000;

    /** What holds the pace back now. */
    enum Limit {
        NONE("nothing"), LOCK_SHARE("lock share"), BATCH_TARGET("batch target"), BUDGET("latency budget"),
        REPLICA_LAG("replica lag"), LOCKS("lock waits");

        final String label;

        Limit(String label) {
            this.label = label;
        }
    }

    /** One change of pace and the probe window that caused it. */
    record Move(int batchBefore, int batchAfter, long pauseBeforeMs, long pauseAfterMs, double windowP99Ms,
                int windowSamples, double budgetMs, boolean overBudget) {
        String describe() {
            return String.format(Locale.ROOT, "probe p99 %.2f ms over %d samples %s budget %.2f ms: batch %,d -> %,d,"
                    + " pause %d -> %d ms", windowP99Ms, windowSamples, overBudget ? ">" : "<=", budgetMs,
                    batchBefore, batchAfter, pauseBeforeMs, pauseAfterMs);
        }
    }

    private final int cap;
    private final long minPauseMs;
    private final long targetMs;
    private final double ratio;
    private double baselineMs = Double.NaN;
    private int batch;
    /** The budget's ceiling on the batch (the lock share cap without a budget or before the first overrun). */
    private int ceiling;
    private long pauseMs;
    private Limit limit = Limit.NONE;
    private final List<Move> moves = new ArrayList<>();
    private int pinnedWindows;

    /**
     * @param estimatedRows the table's row estimate (0 when unknown: no lock share cap)
     * @param ratio         the latency budget as a multiple of the baseline p99; 0: none
     */
    Pacer(int firstBatch, Duration pause, Duration batchTarget, long estimatedRows, double ratio) {
        // a batch target of 0 keeps the operator's size fixed: no cap then either
        this.cap = batchTarget.isZero() ? BackfillRunner.MAX_BATCH : lockShareCap(estimatedRows);
        // under a budget the pace is the probe's to set: the pause starts at the operator's and may go down to none
        this.minPauseMs = ratio > 0 ? 0 : pause.toMillis();
        this.targetMs = batchTarget.toMillis();
        this.ratio = ratio;
        this.pauseMs = minPauseMs;
        this.batch = Math.min(firstBatch, cap);
        this.ceiling = cap;
        if (batch < firstBatch) {
            limit = Limit.LOCK_SHARE;
        }
    }

    /** The most rows a batch may lock at once: 0.5 % of the table, at least the minimum batch. */
    static int lockShareCap(long estimatedRows) {
        if (estimatedRows <= 0) {
            return BackfillRunner.MAX_BATCH;
        }
        return (int) Math.max(BackfillRunner.MIN_BATCH, Math.min(BackfillRunner.MAX_BATCH,
                estimatedRows / LOCK_SHARE_DIVISOR));
    }

    boolean budgeted() {
        return ratio > 0;
    }

    void baseline(double p99Ms) {
        this.baselineMs = p99Ms;
    }

    double baselineMs() {
        return baselineMs;
    }

    double budgetMs() {
        return ratio * baselineMs;
    }

    int batch() {
        return batch;
    }

    long pauseMs() {
        return pauseMs;
    }

    Limit limit() {
        return limit;
    }

    List<Move> moves() {
        return List.copyOf(moves);
    }

    /** Something outside the pace held the backfill (replica lag, lock waits): shown until the next decision. */
    void heldBy(Limit l) {
        limit = l;
    }

    /** After a batch of {@code millis}: the batch target's verdict, then the lock share cap. */
    void afterBatch(long millis) {
        if (targetMs <= 0) {
            return;
        }
        int before = batch;
        if (millis > targetMs * 3 / 2) {
            batch = Math.max(BackfillRunner.MIN_BATCH, batch / 2);
        } else if (millis < targetMs / 2) {
            batch = Math.min(BackfillRunner.MAX_BATCH, batch + batch / 2);
        }
        if (batch > ceiling) {
            batch = ceiling;
            if (limit != Limit.BUDGET) {
                limit = ceiling == cap ? Limit.LOCK_SHARE : Limit.BUDGET;
            }
        } else if (batch < before && limit != Limit.BUDGET) {
            limit = Limit.BATCH_TARGET;
        }
    }

    /**
     * With a budget: decides on the probe samples (ms) taken since the last decision, once there are enough.
     *
     * @return true when it decided (the caller starts a new window)
     */
    boolean afterWindow(List<Double> windowMs) {
        return afterWindow(windowMs, 0);
    }

    /**
     * The same, with the probe commit in flight: one waiting longer than the budget is over budget already, and the
     * window decides at once with it (a probe stuck behind a lock would otherwise delay the decision until 25 more
     * samples came, which may be never before the backfill ends).
     */
    boolean afterWindow(List<Double> windowMs, double inFlightMs) {
        if (!budgeted() || Double.isNaN(baselineMs)) {
            return false;
        }
        if (inFlightMs > budgetMs()) {
            List<Double> with = new ArrayList<>(windowMs);
            with.add(inFlightMs);
            windowMs = with;
        } else if (windowMs.size() < MIN_WINDOW) {
            return false;
        }
        double p99 = LatencyProbe.percentile(windowMs, 0.99);
        double budget = budgetMs();
        int b0 = batch;
        long p0 = pauseMs;
        boolean over = p99 > budget;
        if (over) {
            batch = Math.max(BackfillRunner.MIN_BATCH, batch / 2);
            ceiling = batch;
            pauseMs = Math.min(MAX_PAUSE_MS, Math.max(10, pauseMs * 2));
            limit = Limit.BUDGET;
        } else if (pauseMs > minPauseMs) {
            pauseMs = Math.max(minPauseMs, pauseMs * 3 / 4);
            limit = Limit.BUDGET;
        } else if (ceiling < cap || batch < ceiling) {
            ceiling = Math.min(cap, Math.max(ceiling, batch) + Math.max(BackfillRunner.MIN_BATCH, cap / 10));
            batch = ceiling;
            limit = batch == cap ? Limit.LOCK_SHARE : Limit.BUDGET;
        } else {
            limit = Limit.LOCK_SHARE;
        }
        if (batch != b0 || pauseMs != p0) {
            moves.add(new Move(b0, batch, p0, pauseMs, p99, windowMs.size(), budget, over));
        } else if (over) {
            pinnedWindows++;
        }
        return true;
    }

    /**
     * Windows over budget at the slowest pace (smallest batch, longest pause), where nothing was left to slow down:
     * the budget is below what the server gives with the backfill nearly idle.
     */
    int pinnedWindows() {
        return pinnedWindows;
    }

    /** The progress line's pace: batch, pause and what holds it back. */
    String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.US, "batch %,d, pause %d ms", batch, pauseMs));
        if (budgeted() && !Double.isNaN(baselineMs)) {
            sb.append(String.format(Locale.ROOT, ", budget %.1f ms", budgetMs()));
        }
        return sb.append(", held by ").append(limit.label).toString();
    }
}
