package dev.migrationstrategist.rehearsal;

import java.util.List;

/**
 * What the clients of one side saw over time: one {@link Window} per {@code windowMs} from the moment the clients
 * started, and the phases as time intervals on the same clock.
 *
 * @param windowMs the width of every window but possibly the last (chosen from the run's length: 250 ms for a run
 *                 of up to 30 s, then wider so that a run has at most {@link Timeline#MAX_WINDOWS} windows)
 */
public record TimeSeries(long windowMs, List<Window> windows, List<Span> phases) {
    /** A side that did not run. */
    public static final TimeSeries NONE = new TimeSeries(0, List.of(), List.of());

    public TimeSeries {
        windows = List.copyOf(windows);
        phases = List.copyOf(phases);
    }

    /**
     * The operations that ended in {@code [startMs, endMs)} and the lock waits sampled then.
     *
     * @param ops           operations that ended in the window ({@code committed + errors})
     * @param committed     transactions committed
     * @param errors        operations that failed (stale reads included), as counted in the phase tables
     * @param p50Ms         latency median of the window's operations (errors included, as in the phase tables);
     *                      NaN when none ended in it
     * @param p99Ms         latency 99th percentile, likewise
     * @param lockWaitMs    client time spent waiting for a lock, summed over the lock-wait samples taken in it
     * @param maxLockWaitMs the longest single lock wait a sample in it saw
     * @param clientsWaiting the average number of clients waiting for a lock over the samples taken in it; NaN when
     *                      no sample was taken in it
     */
    public record Window(long startMs, long endMs, long ops, long committed, long errors, double p50Ms,
                         double p99Ms, long lockWaitMs, long maxLockWaitMs, double clientsWaiting) {
        public double seconds() {
            return Math.max(1, endMs - startMs) / 1000.0;
        }

        public double committedPerSecond() {
            return committed / seconds();
        }

        public double errorsPerSecond() {
            return errors / seconds();
        }
    }

    /** A phase of the side (as named in its table), from {@code startMs} to {@code endMs} on the series' clock. */
    public record Span(String phase, long startMs, long endMs) {
    }

    public long ops() {
        return windows.stream().mapToLong(Window::ops).sum();
    }

    public long errors() {
        return windows.stream().mapToLong(Window::errors).sum();
    }

    /** The end of the last window or phase, whichever is later. */
    public long lengthMs() {
        long w = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).endMs();
        return Math.max(w, phases.stream().mapToLong(Span::endMs).max().orElse(0));
    }
}
