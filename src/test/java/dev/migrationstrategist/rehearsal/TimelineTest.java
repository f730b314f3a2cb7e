package dev.migrationstrategist.rehearsal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The time series' slots, windows and percentiles, from operations recorded at known times. */
class TimelineTest {
    private static final long MS = 1_000_000;

    @Test
    void windowWidthGrowsWithTheRunSoThatARunHasAtMost120Windows() {
        assertThat(Timeline.windowFor(17_000)).isEqualTo(250);
        assertThat(Timeline.windowFor(30_000)).isEqualTo(250);
        assertThat(Timeline.windowFor(30_001)).isEqualTo(500);
        assertThat(Timeline.windowFor(100_000)).isEqualTo(1_000);
        assertThat(Timeline.windowFor(10 * 60_000)).isEqualTo(5_000);
        assertThat(Timeline.windowFor(3 * 3_600_000)).isEqualTo(120_000);
        assertThat(3 * 3_600_000 / Timeline.windowFor(3 * 3_600_000)).isLessThanOrEqualTo(Timeline.MAX_WINDOWS);
    }

    @Test
    void operationsLandInTheWindowTheyEndedInWithTheirPercentiles() {
        long origin = 1_000_000_000L;
        Timeline t = new Timeline(origin);
        for (int i = 1; i <= 100; i++) { // 100 operations ending at 100 ms, taking 1..100 ms
            t.op(origin + 100 * MS, i * MS, true);
        }
        t.op(origin + 600 * MS, 3 * MS, false); // an error in the third slot
        t.op(origin + 610 * MS, 5 * MS, false);
        t.lockSample(origin + 620 * MS, 1, 150, 40);
        t.lockSample(origin + 700 * MS, 2, 300, 90);
        t.lockSample(origin + 800 * MS, 0, 0, 0);
        TimeSeries s = t.series(List.of(new TimeSeries.Span("a", 0, 300), new TimeSeries.Span("b", 300, 1_100)));

        assertThat(s.windowMs()).isEqualTo(250);
        assertThat(s.windows()).extracting(TimeSeries.Window::startMs).containsExactly(0L, 250L, 500L, 750L, 1_000L);
        assertThat(s.windows().get(4).endMs()).as("up to the last phase's end, in whole slots").isEqualTo(1_250);
        TimeSeries.Window first = s.windows().get(0);
        assertThat(first.ops()).isEqualTo(100);
        assertThat(first.committed()).isEqualTo(100);
        assertThat(first.errors()).isZero();
        assertThat(first.p50Ms()).as("exact, as the tables").isEqualTo(50.0);
        assertThat(first.p99Ms()).isEqualTo(99.0);
        assertThat(first.committedPerSecond()).isCloseTo(400, within(0.01));
        assertThat(s.windows().get(1).ops()).isZero();
        assertThat(s.windows().get(1).p50Ms()).isNaN();
        TimeSeries.Window third = s.windows().get(2);
        assertThat(third.errors()).isEqualTo(2);
        assertThat(third.committed()).isZero();
        assertThat(third.lockWaitMs()).isEqualTo(450);
        assertThat(third.maxLockWaitMs()).isEqualTo(90);
        assertThat(third.clientsWaiting()).as("the average over its two samples").isCloseTo(1.5, within(0.001));
        assertThat(s.windows().get(3).clientsWaiting()).isZero();
        assertThat(s.windows().get(0).clientsWaiting()).as("no sample taken").isNaN();
        assertThat(s.ops()).isEqualTo(102);
        assertThat(s.errors()).isEqualTo(2);
    }

    @Test
    void wideWindowsMergeTheirSlots() {
        long origin = 0;
        Timeline t = new Timeline(origin);
        for (long ms = 0; ms < 60_000; ms += 10) { // one operation every 10 ms for a minute, 2 ms each
            t.op(origin + ms * MS, 2 * MS, true);
        }
        TimeSeries s = t.series(List.of(new TimeSeries.Span("all", 0, 60_000)));
        assertThat(s.windowMs()).isEqualTo(500);
        assertThat(s.windows()).hasSize(120).allSatisfy(w -> {
            assertThat(w.ops()).isEqualTo(50);
            assertThat(w.committedPerSecond()).isCloseTo(100, within(0.01));
            assertThat(w.p99Ms()).isCloseTo(2, within(0.01));
        });
    }

    @Test
    void concurrentClientsLoseNoOperation() throws Exception {
        Timeline t = new Timeline(System.nanoTime());
        List<Thread> clients = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int me = k;
            Thread c = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) { // latencies spread over five orders of magnitude
                    t.op(System.nanoTime(), (long) Math.pow(10, 3 + (i + me) % 6) + i, i % 10 != 0);
                }
            });
            clients.add(c);
            c.start();
        }
        for (Thread c : clients) {
            c.join(60_000);
            assertThat(c.isAlive()).isFalse();
        }
        TimeSeries s = t.series(List.of());
        assertThat(s.ops()).isEqualTo(200_000);
        assertThat(s.errors()).isEqualTo(20_000);
    }
}
