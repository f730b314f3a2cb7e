package dev.migrationstrategist.rehearsal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RehearsalResult} as the text summary, Markdown and JSON, and writes them with one chart per side
 * (PNG and SVG, linked from the Markdown).
 */
public final class RehearsalReport {
    public static final String MARKDOWN_FILE = "migration-strategist-rehearsal.md";
    public static final String JSON_FILE = "migration-strategist-rehearsal.json";
    /** The chart of a side, without its extension ({@code .png}, {@code .svg}): {@code ...-plan}, {@code ...-naive}. */
    public static final String CHART_FILE = "migration-strategist-rehearsal-";

    private final RehearsalResult r;

    public RehearsalReport(RehearsalResult result) {
        this.r = result;
    }

    private String header() {
        return String.format(Locale.US, "Rehearsal on %s (%s): %,d rows per table, %d clients, lock timeout %,d ms",
                r.dialect(), r.server(), r.rows(), r.clients(), r.lockTimeoutMs());
    }

    public String text() {
        StringBuilder sb = new StringBuilder(header()).append("\n");
        for (SideResult side : List.of(r.planSide(), r.naiveSide())) {
            sb.append("\n").append(side.side()).append(" side");
            if (!side.ran()) {
                sb.append(": ").append(side.note()).append("\n");
                continue;
            }
            sb.append(" (").append(side.namespace()).append(")\n");
            side.statements().forEach(s -> sb.append("  ran: ").append(s).append("\n"));
            sb.append(String.format(Locale.US, "  %-44s %8s %7s %8s %8s %8s %9s%n", "phase", "ops", "errors",
                    "p50 ms", "p99 ms", "max ms", "lock ms"));
            for (PhaseStats p : side.phases()) {
                sb.append(String.format(Locale.US, "  %-44s %,8d %7d %8.1f %8.1f %8.0f %,9d%n", cut(p.phase(), 44),
                        p.ops(), p.errorCount(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.lockWaitMs()));
            }
            errorSamples(side).forEach(e -> sb.append("  error: ").append(e).append("\n"));
            String label = side == r.planSide() ? "invariants" : "same checks (for comparison; not the verdict)";
            sb.append("  ").append(label).append(":\n");
            for (Invariant i : side.checks()) {
                sb.append("    ").append(i.passed() ? "PASS" : "FAIL").append("  ").append(i.name()).append(": ")
                        .append(i.detail()).append("\n");
            }
        }
        sb.append("\nverdict: ").append(r.passed() ? "PASS (every invariant of the plan side holds)"
                : "FAIL (an invariant of the plan side is broken)").append("\n");
        return sb.toString();
    }

    public String markdown() {
        return markdown(null);
    }

    /** The chart files of a side (PNG, SVG), as the Markdown links them. */
    public static List<String> chartFiles(SideResult side) {
        return List.of(CHART_FILE + side.side() + ".png", CHART_FILE + side.side() + ".svg");
    }

    private static boolean charted(SideResult side) {
        return side.ran() && !side.series().windows().isEmpty();
    }

    /** @param chartProblem why the charts were not drawn, or null when they were */
    private String markdown(String chartProblem) {
        StringBuilder sb = new StringBuilder("# Migration Strategist rehearsal\n\n").append(header()).append("\n\n");
        sb.append("Verdict: **").append(r.passed() ? "PASS" : "FAIL").append("**\n");
        for (SideResult side : List.of(r.planSide(), r.naiveSide())) {
            sb.append("\n## ").append(side.side().equals("plan") ? "Plan" : "Naive").append(" side\n\n");
            if (!side.ran()) {
                sb.append(side.note()).append("\n");
                continue;
            }
            sb.append("Scratch namespace `").append(side.namespace()).append("`.\n\n");
            if (charted(side) && chartProblem == null) {
                List<String> files = chartFiles(side);
                sb.append("![").append(side.side()).append(" side over time: latency p50/p99, committed/s, errors/s,")
                        .append(" clients waiting for a lock; the phases as numbered bands](").append(files.get(0))
                        .append(")\n\n");
                sb.append(String.format(Locale.US, "Windows of %,d ms; the bands are the phases of the table below,"
                        + " numbered as its first column ([SVG](%s)).%n%n", side.series().windowMs(), files.get(1)));
            } else if (charted(side)) {
                sb.append("Charts not drawn: ").append(chartProblem).append("\n\n");
            }
            side.statements().forEach(s -> sb.append("- ran `").append(s.replace("`", "'")).append("`\n"));
            if (!side.statements().isEmpty()) {
                sb.append("\n");
            }
            List<TimeSeries.Span> spans = side.series().phases();
            boolean timed = spans.size() == side.phases().size();
            sb.append(timed ? "| # | from s " : "")
                    .append("| phase | ops | errors | p50 ms | p99 ms | max ms | lock-wait ms |\n")
                    .append(timed ? "|---:|---:" : "").append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < side.phases().size(); i++) {
                PhaseStats p = side.phases().get(i);
                if (timed) { // the band number and start of the phase in the chart
                    sb.append(String.format(Locale.US, "| %d | %.2f ", i + 1, spans.get(i).startMs() / 1000.0));
                }
                sb.append(String.format(Locale.US, "| %s | %,d | %d | %.1f | %.1f | %.0f | %,d |%n", p.phase(),
                        p.ops(), p.errorCount(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.lockWaitMs()));
            }
            List<String> errors = errorSamples(side);
            if (!errors.isEmpty()) {
                sb.append("\nErrors:\n\n");
                errors.forEach(e -> sb.append("- `").append(e.replace("`", "'")).append("`\n"));
            }
            sb.append("\n| check | result | numbers |\n|---|---|---|\n");
            for (Invariant i : side.checks()) {
                sb.append("| ").append(i.name()).append(" | ").append(i.passed() ? "PASS" : "FAIL").append(" | ")
                        .append(i.detail().replace("|", "\\|")).append(" |\n");
            }
        }
        return sb.toString();
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("skill", "migration-strategist");
        root.put("kind", "rehearsal");
        root.put("dialect", r.dialect());
        root.put("server", r.server());
        root.put("rows", r.rows());
        root.put("clients", r.clients());
        root.put("lock_timeout_ms", r.lockTimeoutMs());
        root.put("passed", r.passed());
        root.put("changes", r.plan().changes().stream().map(c -> c.describe()).toList());
        root.put("plan", side(r.planSide()));
        root.put("naive", side(r.naiveSide()));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> side(SideResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rehearsed", s.ran());
        m.put("namespace", s.namespace());
        if (s.note() != null) {
            m.put("note", s.note());
        }
        m.put("statements", s.statements());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseStats p : s.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase());
            pm.put("millis", p.millis());
            pm.put("ops", p.ops());
            pm.put("errors", p.errorCount());
            pm.put("errors_by_kind", p.errors());
            pm.put("p50_ms", round(p.p50Ms()));
            pm.put("p99_ms", round(p.p99Ms()));
            pm.put("max_ms", round(p.maxMs()));
            pm.put("lock_wait_ms", p.lockWaitMs());
            pm.put("max_lock_wait_ms", p.maxLockWaitMs());
            pm.put("stale_reads", p.staleReads());
            pm.put("re_prepares", p.rePrepares());
            phases.add(pm);
        }
        m.put("phases", phases);
        m.put("series", series(s.series()));
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Invariant i : s.checks()) {
            checks.add(Map.of("name", i.name(), "passed", i.passed(), "detail", i.detail()));
        }
        m.put("checks", checks);
        return m;
    }

    private static Map<String, Object> series(TimeSeries t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window_ms", t.windowMs());
        m.put("phases", t.phases().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase());
            pm.put("start_ms", p.startMs());
            pm.put("end_ms", p.endMs());
            return pm;
        }).toList());
        m.put("windows", t.windows().stream().map(w -> {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("start_ms", w.startMs());
            wm.put("end_ms", w.endMs());
            wm.put("ops", w.ops());
            wm.put("committed", w.committed());
            wm.put("errors", w.errors());
            wm.put("p50_ms", Double.isNaN(w.p50Ms()) ? null : round2(w.p50Ms()));
            wm.put("p99_ms", Double.isNaN(w.p99Ms()) ? null : round2(w.p99Ms()));
            wm.put("lock_wait_ms", w.lockWaitMs());
            wm.put("max_lock_wait_ms", w.maxLockWaitMs());
            wm.put("clients_waiting", Double.isNaN(w.clientsWaiting()) ? null : round2(w.clientsWaiting()));
            return wm;
        }).toList());
        return m;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** A few distinct errors of a side: "SQLSTATE message (n times, phase)". */
    static List<String> errorSamples(SideResult side) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (PhaseStats p : side.phases()) {
            p.errors().forEach((k, n) -> seen.putIfAbsent(k, k + " (" + n + "x in " + p.phase() + ")"));
        }
        return seen.values().stream().limit(5).toList();
    }

    private List<Path> charts(Path directory) {
        List<SideResult> sides = List.of(r.planSide(), r.naiveSide()).stream().filter(RehearsalReport::charted)
                .toList();
        RehearsalCharts.Scales scales = RehearsalCharts.Scales.of(sides.stream().map(SideResult::series).toList());
        String changes = r.plan().changes().stream().map(c -> c.describe()).reduce((a, b) -> a + "; " + b)
                .orElse("");
        List<Path> out = new ArrayList<>();
        for (SideResult side : sides) {
            String title = (side.side().equals("plan") ? "Plan" : "Naive") + " side: " + cut(changes, 90);
            String subtitle = String.format(Locale.US, "%s, %,d rows per table, %d clients; windows of %,d ms;"
                    + " latency of every operation, errors included; both sides on the same scales", r.dialect(),
                    r.rows(), r.clients(), side.series().windowMs());
            org.jfree.chart.JFreeChart chart = RehearsalCharts.chart(title, subtitle, side.series(), scales);
            List<String> files = chartFiles(side);
            Path png = directory.resolve(files.get(0));
            Path svg = directory.resolve(files.get(1));
            RehearsalCharts.png(chart, png);
            RehearsalCharts.svg(chart, svg);
            out.add(png);
            out.add(svg);
        }
        return out;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    /**
     * Writes the Markdown and JSON files into {@code directory}, and each side's chart (PNG and SVG) beside them;
     * returns their paths. A chart that cannot be drawn (no fonts on the machine, ...) leaves the Markdown saying why.
     */
    public List<Path> write(Path directory) {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            String chartProblem = null;
            try {
                written.addAll(charts(directory));
            } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
                chartProblem = e.toString();
            }
            Path md = directory.resolve(MARKDOWN_FILE);
            Path json = directory.resolve(JSON_FILE);
            Files.writeString(md, markdown(chartProblem), StandardCharsets.UTF_8);
            Files.writeString(json, json(), StandardCharsets.UTF_8);
            written.add(0, json);
            written.add(0, md);
            return List.copyOf(written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rehearsal reports to " + directory, e);
        }
    }
}
