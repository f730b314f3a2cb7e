package dev.migrationstrategist.rehearsal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operations and lock waits of one side by when they happened, in slots of {@value #SLOT_MS} ms from an origin
 * (the moment the first phase began). Each slot keeps its counts and every latency (8 bytes an operation, as the
 * phase tables keep them too), so the slots merge into wider windows once the run's length is known and a window's
 * percentiles are exact, computed as the tables compute theirs. Thread-safe: clients record while the sampler does.
 */
final class Timeline {
    static final long SLOT_MS = 250;
    /** A run longer than this many slot-wide windows gets wider windows (each a multiple of the slot). */
    static final int MAX_WINDOWS = 120;
    private static final long[] WIDTHS = {250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000};

    private final long origin;
    private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();

    /** @param originNanos {@link System#nanoTime()} of time zero */
    Timeline(long originNanos) {
        this.origin = originNanos;
    }

    long originNanos() {
        return origin;
    }

    /** Milliseconds since the origin (0 before it). */
    long millis(long nanos) {
        return Math.max(0, (nanos - origin) / 1_000_000);
    }

    /** An operation that ended at {@code endNanos} after {@code latencyNanos}. */
    void op(long endNanos, long latencyNanos, boolean committed) {
        Slot s = slot(endNanos);
        (committed ? s.committed : s.errors).increment();
        s.latency(latencyNanos);
    }

    /**
     * A lock-wait sample taken at {@code atNanos}: {@code waiting} clients waited, {@code waitMs} of client waiting
     * as the phase tables count it, the longest wait {@code longestMs}.
     */
    void lockSample(long atNanos, long waiting, long waitMs, long longestMs) {
        Slot s = slot(atNanos);
        s.lockSamples.increment();
        s.waitingClients.add(waiting);
        s.lockWaitMs.add(waitMs);
        s.maxLockWaitMs.accumulateAndGet(longestMs, Math::max);
    }

    private Slot slot(long nanos) {
        return slots.computeIfAbsent((int) (millis(nanos) / SLOT_MS), k -> new Slot());
    }

    /** The window width for a run of {@code lengthMs}: the narrowest giving at most {@link #MAX_WINDOWS} windows. */
    static long windowFor(long lengthMs) {
        for (long w : WIDTHS) {
            if ((lengthMs + w - 1) / w <= MAX_WINDOWS) {
                return w;
            }
        }
        long minutes = (lengthMs + MAX_WINDOWS * 60_000L - 1) / (MAX_WINDOWS * 60_000L);
        return minutes * 60_000;
    }

    /** The series up to the last slot recorded or the end of the last phase, whichever is later. */
    TimeSeries series(List<TimeSeries.Span> phases) {
        long lastSlotEnd = slots.keySet().stream().mapToLong(k -> (k + 1) * SLOT_MS).max().orElse(0);
        long length = Math.max(lastSlotEnd, phases.stream().mapToLong(TimeSeries.Span::endMs).max().orElse(0));
        long end = (length + SLOT_MS - 1) / SLOT_MS * SLOT_MS;
        long width = windowFor(end);
        List<TimeSeries.Window> windows = new ArrayList<>();
        for (long start = 0; start < end; start += width) {
            windows.add(window(start, Math.min(start + width, end)));
        }
        return new TimeSeries(width, windows, phases);
    }

    private TimeSeries.Window window(long startMs, long endMs) {
        List<long[]> latencies = new ArrayList<>();
        long committed = 0;
        long errors = 0;
        long lockWait = 0;
        long maxLockWait = 0;
        long samples = 0;
        long waiting = 0;
        for (long k = startMs / SLOT_MS; k < endMs / SLOT_MS; k++) {
            Slot s = slots.get((int) k);
            if (s == null) {
                continue;
            }
            committed += s.committed.sum();
            errors += s.errors.sum();
            lockWait += s.lockWaitMs.sum();
            samples += s.lockSamples.sum();
            waiting += s.waitingClients.sum();
            maxLockWait = Math.max(maxLockWait, s.maxLockWaitMs.get());
            latencies.add(s.latencies());
        }
        long[] sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long ops = committed + errors;
        double p50 = sorted.length == 0 ? Double.NaN : Metrics.Recorder.percentile(sorted, 0.50);
        double p99 = sorted.length == 0 ? Double.NaN : Metrics.Recorder.percentile(sorted, 0.99);
        return new TimeSeries.Window(startMs, endMs, ops, committed, errors, p50, p99, lockWait, maxLockWait,
                samples == 0 ? Double.NaN : waiting / (double) samples);
    }

    private static final class Slot {
        final LongAdder committed = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder lockSamples = new LongAdder();
        final LongAdder waitingClients = new LongAdder();
        final LongAdder lockWaitMs = new LongAdder();
        final AtomicLong maxLockWaitMs = new AtomicLong();
        private long[] latencies = new long[64];
        private int count;

        synchronized void latency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
