package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/** apply's progress for the CLI: lines on stdout, and a progress bar on stderr when stderr is a terminal. */
final class TerminalLog implements Progress {
    private final PrintWriter out;
    private final boolean terminal;

    TerminalLog(PrintWriter out) {
        this.out = out;
        this.terminal = System.console() != null && System.getenv("STRATEGIST_NO_PROGRESS_BAR") == null;
    }

    @Override
    public void info(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public Meter meter(String label, long total) {
        if (!terminal) {
            return Progress.super.meter(label, total);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(Math.max(total, 0))
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().setUpdateIntervalMillis(500)
                .build();
        return new Meter() {
            @Override
            public void update(long done, String detail) {
                if (total > 0 && done > bar.getMax()) {
                    bar.maxHint(done);
                }
                bar.stepTo(done);
                bar.setExtraMessage(" | " + detail);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
