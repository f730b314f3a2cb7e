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

/** Renders a {@link RehearsalResult} as the text summary, Markdown and JSON, and writes the two files. */
public final class RehearsalReport {
    public static final String MARKDOWN_FILE = "migration-strategist-rehearsal.md";
    public static final String JSON_FILE = "migration-strategist-rehearsal.json";

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
        StringBuilder sb = new StringBuilder("# Migration Strategist rehearsal\n\n").append(header()).append("\n\n");
        sb.append("Verdict: **").append(r.passed() ? "PASS" : "FAIL").append("**\n");
        for (SideResult side : List.of(r.planSide(), r.naiveSide())) {
            sb.append("\n## ").append(side.side().equals("plan") ? "Plan" : "Naive").append(" side\n\n");
            if (!side.ran()) {
                sb.append(side.note()).append("\n");
                continue;
            }
            sb.append("Scratch namespace `").append(side.namespace()).append("`.\n\n");
            side.statements().forEach(s -> sb.append("- ran `").append(s.replace("`", "'")).append("`\n"));
            if (!side.statements().isEmpty()) {
                sb.append("\n");
            }
            sb.append("| phase | ops | errors | p50 ms | p99 ms | max ms | lock-wait ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (PhaseStats p : side.phases()) {
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
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Invariant i : s.checks()) {
            checks.add(Map.of("name", i.name(), "passed", i.passed(), "detail", i.detail()));
        }
        m.put("checks", checks);
        return m;
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

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    /** Writes the Markdown and JSON files into {@code directory}; returns their paths. */
    public List<Path> write(Path directory) {
        try {
            Files.createDirectories(directory);
            Path md = directory.resolve(MARKDOWN_FILE);
            Path json = directory.resolve(JSON_FILE);
            Files.writeString(md, markdown(), StandardCharsets.UTF_8);
            Files.writeString(json, json(), StandardCharsets.UTF_8);
            return List.of(md, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rehearsal reports to " + directory, e);
        }
    }
}
