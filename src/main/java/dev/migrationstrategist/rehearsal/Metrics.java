package dev.migrationstrategist.rehearsal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Client operations, errors, latencies and lock waits of one side, phase by phase and over time (a {@link Timeline}
 * from the first phase's start). Thread-safe.
 */
final class Metrics {
    private final List<Recorder> phases = new ArrayList<>();
    private final UnaryOperator<String> scrub;
    private volatile Recorder current;
    private Timeline timeline;

    Metrics() {
        this(UnaryOperator.identity());
    }

    /** @param scrub applied to every error message before it reaches the stats (and the report) */
    Metrics(UnaryOperator<String> scrub) {
        this.scrub = scrub;
    }

    /** Ends the current phase (if any) and starts recording {@code label}. */
    synchronized void begin(String label) {
        // one instant ends the phase and starts the next: two clock reads could fall either side of a millisecond,
        // and the series would show a 1 ms gap between phases that follow each other (seen once in CI)
        long now = System.nanoTime();
        if (current != null) {
            current.end = now;
        }
        if (timeline == null) {
            timeline = new Timeline(now);
        }
        current = new Recorder(label, now, timeline);
        phases.add(current);
    }

    synchronized void end() {
        if (current != null) {
            current.end = System.nanoTime();
        }
    }

    Recorder current() {
        return current;
    }

    synchronized List<PhaseStats> stats() {
        return phases.stream().map(r -> r.stats(scrub)).toList();
    }

    /** The side over time, with each phase as an interval on the same clock; {@link TimeSeries#NONE} before any. */
    synchronized TimeSeries series() {
        if (timeline == null) {
            return TimeSeries.NONE;
        }
        long now = System.nanoTime();
        List<TimeSeries.Span> spans = phases.stream().map(r -> new TimeSeries.Span(r.label, timeline.millis(r.start),
                timeline.millis(r.end == 0 ? now : r.end))).toList();
        return timeline.series(spans);
    }

    /** One phase. */
    static final class Recorder {
        final String label;
        final long start;
        volatile long end;
        private final Timeline timeline;
        final LongAdder ops = new LongAdder();
        final LongAdder stale = new LongAdder();
        final LongAdder rePrepares = new LongAdder();
        final AtomicLong lockWaitMs = new AtomicLong();
        final AtomicLong maxLockWaitMs = new AtomicLong();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

        Recorder(String label) {
            this(label, System.nanoTime(), null);
        }

        /** @param timeline where each operation and lock wait is also recorded by time; null: nowhere */
        Recorder(String label, long start, Timeline timeline) {
            this.label = label;
            this.start = start;
            this.timeline = timeline;
        }

        void ok(long nanos) {
            ops.increment();
            latencies.add(nanos);
            if (timeline != null) {
                timeline.op(System.nanoTime(), nanos, true);
            }
        }

        void error(SQLException e, long nanos) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")
                    .replaceFirst("^\\(conn=\\d+\\) ", ""); // MariaDB names the connection
            error((e.getSQLState() == null ? "-----" : e.getSQLState()) + " " + msg, nanos);
        }

        void error(String key, long nanos) {
            ops.increment();
            latencies.add(nanos);
            errors.computeIfAbsent(key.length() > 200 ? key.substring(0, 200) : key, k -> new LongAdder())
                    .increment();
            if (timeline != null) {
                timeline.op(System.nanoTime(), nanos, false);
            }
        }

        void staleRead(String detail, long nanos) {
            stale.increment();
            error("STALE " + detail, nanos);
        }

        /** A lock-wait sample: {@code waiting} sessions waited, each counted for {@code intervalMs}. */
        void lockSample(long waiting, long intervalMs, long longestMs) {
            if (waiting > 0) {
                lockWait(waiting * intervalMs, longestMs);
            }
            if (timeline != null) {
                timeline.lockSample(System.nanoTime(), waiting, waiting * intervalMs, longestMs);
            }
        }

        void lockWait(long sampleMs, long longestMs) {
            lockWaitMs.addAndGet(sampleMs);
            maxLockWaitMs.accumulateAndGet(longestMs, Math::max);
        }

        PhaseStats stats(UnaryOperator<String> scrub) {
            long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(l);
            Map<String, Long> errs = new LinkedHashMap<>();
            errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> errs.merge(scrub.apply(e.getKey()), e.getValue().sum(), Long::sum));
            long errorCount = errs.values().stream().mapToLong(Long::longValue).sum();
            long stop = end == 0 ? System.nanoTime() : end;
            return new PhaseStats(label, (stop - start) / 1_000_000, ops.sum(), errorCount, errs,
                    percentile(l, 0.50), percentile(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6,
                    lockWaitMs.get(), maxLockWaitMs.get(), stale.sum(), rePrepares.sum());
        }

        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
        }
    }
}
