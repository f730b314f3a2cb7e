package dev.migrationstrategist.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace rules on their own: lock share cap, batch target, and the budget's decrease and increase. */
class PacerTest {
    private static final Duration TARGET = Duration.ofMillis(50);

    @Test
    void aBatchLocksAtMostHalfAPercentOfTheTable() {
        assertThat(Pacer.lockShareCap(1_000_000)).isEqualTo(5_000);
        assertThat(Pacer.lockShareCap(10_000)).isEqualTo(BackfillRunner.MIN_BATCH);
        assertThat(Pacer.lockShareCap(0)).isEqualTo(BackfillRunner.MAX_BATCH); // no estimate: no cap
        Pacer p = new Pacer(10_000, Duration.ofMillis(5), TARGET, 1_000_000, 0);
        assertThat(p.batch()).isEqualTo(5_000);
        assertThat(p.limit()).isEqualTo(Pacer.Limit.LOCK_SHARE);
        p.afterBatch(5); // fast: would grow by half, the cap holds it
        assertThat(p.batch()).isEqualTo(5_000);
        assertThat(p.describe()).isEqualTo("batch 5,000, pause 5 ms, held by lock share");
    }

    @Test
    void theBatchTargetStillHalvesASlowBatch() {
        Pacer p = new Pacer(2_000, Duration.ofMillis(5), TARGET, 10_000_000, 0);
        p.afterBatch(120);
        assertThat(p.batch()).isEqualTo(1_000);
        assertThat(p.limit()).isEqualTo(Pacer.Limit.BATCH_TARGET);
        p.afterBatch(40);
        assertThat(p.batch()).isEqualTo(1_000);
    }

    @Test
    void withoutABudgetNoWindowDecides() {
        Pacer p = new Pacer(1_000, Duration.ofMillis(5), TARGET, 1_000_000, 0);
        assertThat(p.afterWindow(Collections.nCopies(100, 50.0))).isFalse();
        assertThat(p.pauseMs()).isEqualTo(5);
    }

    @Test
    void overBudgetHalvesTheBatchAndDoublesThePauseThenWithinBudgetItRecovers() {
        Pacer p = new Pacer(2_000, Duration.ofMillis(5), TARGET, 1_000_000, 1.5);
        p.baseline(2.0); // budget 3 ms
        assertThat(p.afterWindow(Collections.nCopies(Pacer.MIN_WINDOW - 1, 9.0))).as("too few samples").isFalse();
        List<Double> slow = window(Pacer.MIN_WINDOW, 2.0, 9.0); // p99 = the one 9 ms sample of 25
        assertThat(p.afterWindow(slow)).isTrue();
        assertThat(p.batch()).isEqualTo(1_000);
        assertThat(p.pauseMs()).isEqualTo(10);
        assertThat(p.limit()).isEqualTo(Pacer.Limit.BUDGET);
        p.afterWindow(slow);
        assertThat(p.batch()).isEqualTo(500);
        assertThat(p.pauseMs()).isEqualTo(20);
        p.afterBatch(1); // a fast batch: the batch target would grow it, the budget's ceiling holds it
        assertThat(p.batch()).isEqualTo(500);
        List<Double> fine = Collections.nCopies(Pacer.MIN_WINDOW, 2.5);
        p.afterWindow(fine);
        assertThat(p.pauseMs()).as("the pause shrinks first").isEqualTo(15);
        assertThat(p.batch()).isEqualTo(500);
        for (int i = 0; i < 12; i++) {
            p.afterWindow(fine);
        }
        assertThat(p.pauseMs()).as("under a budget the pause may go below the operator's").isZero();
        assertThat(p.batch()).as("then the batch grows by a tenth of the cap per window").isGreaterThan(500);
        for (int i = 0; i < 20; i++) {
            p.afterWindow(fine);
        }
        assertThat(p.batch()).isEqualTo(5_000);
        assertThat(p.limit()).isEqualTo(Pacer.Limit.LOCK_SHARE);
        assertThat(p.describe()).isEqualTo("batch 5,000, pause 0 ms, budget 3.0 ms, held by lock share");
        assertThat(p.moves()).first().satisfies(m -> {
            assertThat(m.overBudget()).isTrue();
            assertThat(m.windowP99Ms()).isEqualTo(9.0);
            assertThat(m.budgetMs()).isEqualTo(3.0);
        });
        assertThat(p.moves()).filteredOn(m -> !m.overBudget()).allSatisfy(m ->
                assertThat(m.windowP99Ms()).isLessThanOrEqualTo(m.budgetMs()));
    }

    @Test
    void aBudgetBelowWhatTheServerGivesPinsThePaceAtItsSlowestAndSaysSo() {
        Pacer p = new Pacer(200, Duration.ofMillis(5), TARGET, 1_000_000, 1.5);
        p.baseline(1.0);
        List<Double> slow = Collections.nCopies(Pacer.MIN_WINDOW, 5.0);
        for (int i = 0; i < 20; i++) {
            p.afterWindow(slow);
        }
        assertThat(p.batch()).isEqualTo(BackfillRunner.MIN_BATCH);
        assertThat(p.pauseMs()).isEqualTo(Pacer.MAX_PAUSE_MS);
        assertThat(p.moves()).hasSize(8).allSatisfy(m -> assertThat(m.overBudget()).isTrue()); // 10 ms .. 1 s
        assertThat(p.pinnedWindows()).isEqualTo(12);
    }

    @Test
    void aProbeStuckLongerThanTheBudgetDecidesAtOnce() {
        Pacer p = new Pacer(2_000, Duration.ofMillis(5), TARGET, 1_000_000, 2);
        p.baseline(1.0);
        assertThat(p.afterWindow(List.of(1.0, 1.0), 1.5)).as("in flight, within budget: wait for 25").isFalse();
        assertThat(p.afterWindow(List.of(1.0, 1.0), 300.0)).isTrue();
        assertThat(p.batch()).isEqualTo(1_000);
        assertThat(p.moves()).singleElement().satisfies(m -> {
            assertThat(m.windowP99Ms()).isEqualTo(300.0);
            assertThat(m.windowSamples()).isEqualTo(3);
        });
    }

    private static List<Double> window(int n, double usual, double worst) {
        List<Double> w = new java.util.ArrayList<>(Collections.nCopies(n - 1, usual));
        w.add(worst);
        return w;
    }
}
